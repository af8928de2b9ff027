package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command line above the subcommands: --help, unknown words, and --lesson without opening a window. */
class TopLevelTest {
    @Test
    void helpListsEverySubcommandAndTheLessonOption() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code(), r.err());
        for (String c : new String[] {"inspect", "generate", "export", "seq2seq", "bench", "--lesson ID"}) {
            assertTrue(r.out().contains(c), c + " in\n" + r.out());
        }
    }

    @Test
    void anUnknownLessonIsOneLineListingTheLessons() {
        CliRun r = CliRun.of("--lesson", "nope", "--model", "tiny-gpt");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("'nope'") && r.err().contains("explorer"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("unknown subcommand 'frobnicate'"), r.err());
    }

    @Test
    void aBadValueIsOneLineWithoutAStackTrace() {
        CliRun r = CliRun.of("inspect", "--model", "tiny-bert", "--text", "hi", "--top", "many");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--top") && r.err().contains("many"), r.err());
    }

    @Test
    void commandHelpShowsEachOptionWithItsDefault() {
        CliRun r = CliRun.of("inspect", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--top K") && r.out().contains("(default: 5)"), r.out());
        assertTrue(r.out().contains("--model M") && r.out().contains("(required)"), r.out());
    }
}
