package org.attentionlab.service.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.ShotPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve(TaskFile.NAME), json);
    }

    @Test
    void readsTheSampleModelFormat() throws IOException {
        write("[{\"name\": \"opposite\", \"description\": \"opposites :\", \"pairs\": [[\"hot\", \"cold\"], [\"big\", \"small\"]],"
                + " \"queries\": [[\"tall\", \"short\"]]}]");
        List<FewShotTask> tasks = TaskFile.read(dir).orElseThrow();
        FewShotTask t = tasks.get(0);
        assertEquals("opposite", t.name());
        assertEquals("opposites :", t.description());
        assertEquals(List.of(new ShotPair("hot", "cold"), new ShotPair("big", "small")), t.pairs());
        assertEquals(List.of(new ShotPair("tall", "short")), t.queries());
        assertEquals("->", t.arrow());
        assertEquals(false, t.promptOnly());
    }

    @Test
    void readsThePromptOnlyKind() throws IOException {
        write("[{\"name\": \"mapping\", \"description\": \"new words :\", \"kind\": \"prompt-only\","
                + " \"pairs\": [[\"cat\", \"lamp\"]], \"queries\": [[\"cat\", \"lamp\"]]},"
                + " {\"name\": \"opposite\", \"kind\": \"lookup\", \"pairs\": [[\"hot\", \"cold\"]], \"queries\": []}]");
        List<FewShotTask> tasks = TaskFile.read(dir).orElseThrow();
        assertTrue(tasks.get(0).promptOnly());
        assertEquals(false, tasks.get(1).promptOnly());
    }

    @Test
    void acceptsATasksKeyQueryObjectsAndBareWordsAnsweredFromThePairs() throws IOException {
        write("{\"tasks\": [{\"name\": \"swap\", \"arrow\": \"=>\", \"pairs\": [[\"a b\", \"b a\"], [\"c d\", \"d c\"]],"
                + " \"queries\": [{\"input\": \"x y\", \"output\": \"y x\"}, {\"query\": \"p q\", \"answer\": \"q p\"}, \"c d\", \"new\"]}]}");
        FewShotTask t = TaskFile.read(dir).orElseThrow().get(0);
        assertEquals("=>", t.arrow());
        assertEquals("", t.description());
        assertEquals(new ShotPair("x y", "y x"), t.queries().get(0));
        assertEquals(new ShotPair("p q", "q p"), t.queries().get(1));
        assertEquals(new ShotPair("c d", "d c"), t.queries().get(2));
        assertNull(t.queries().get(3).output());
    }

    @Test
    void aFolderWithoutTheFileHasNoTaskList() {
        assertTrue(TaskFile.read(dir).isEmpty());
        assertTrue(TaskFile.read(Path.of("sample-models/tiny-bert")).isEmpty());
    }

    @Test
    void brokenFilesAreExplained() throws IOException {
        write("[{\"name\": \"x\"");
        InputException e = assertThrows(InputException.class, () -> TaskFile.read(dir));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        write("[{\"name\": \"x\", \"pairs\": []}]");
        e = assertThrows(InputException.class, () -> TaskFile.read(dir));
        assertTrue(e.getMessage().contains("has no pairs"), e.getMessage());
        write("[{\"name\": \"x\", \"pairs\": [[\"a\", 3]]}]");
        e = assertThrows(InputException.class, () -> TaskFile.read(dir));
        assertTrue(e.getMessage().contains("not a pair"), e.getMessage());
        write("{\"model\": 1}");
        e = assertThrows(InputException.class, () -> TaskFile.read(dir));
        assertTrue(e.getMessage().contains("no list of tasks"), e.getMessage());
    }
}
