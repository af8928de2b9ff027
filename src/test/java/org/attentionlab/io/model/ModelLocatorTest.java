package org.attentionlab.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {
    @TempDir
    Path tmp;

    private Path model(Path dir, String type) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"" + type + "\"}");
        return dir;
    }

    private Path cachedRepo(Path cache, String repoDir, String commit, boolean writeRef) throws IOException {
        Path repo = cache.resolve(repoDir);
        Path snap = model(repo.resolve("snapshots").resolve(commit), "bert");
        if (writeRef) {
            Files.createDirectories(repo.resolve("refs"));
            Files.writeString(repo.resolve("refs/main"), commit + "\n");
        }
        return snap;
    }

    @Test
    void folderPathResolvesToThatFolder() throws IOException {
        Path m = model(tmp.resolve("my-model"), "gpt2");
        var loc = new ModelLocator(Map.of(), tmp, List.of());
        var f = loc.resolve(m.toString());
        assertEquals(ModelLocator.Kind.FOLDER, f.kind());
        assertEquals(m.toAbsolutePath().normalize(), f.folder());
        assertEquals("gpt2", f.modelType());
    }

    @Test
    void sampleNameResolvesFromTheFirstRootThatHasIt() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        model(a.resolve("tiny-bert"), "bert");
        model(b.resolve("tiny-bert"), "bert");
        model(b.resolve("tiny-gpt"), "gpt2");
        Files.createDirectories(b.resolve("not-a-model"));
        var loc = new ModelLocator(Map.of(), tmp, List.of(a, b));
        assertEquals(List.of("tiny-bert", "tiny-gpt"), loc.samples().stream().map(ModelLocator.Found::name).toList());
        assertEquals(a.resolve("tiny-bert").toAbsolutePath().normalize(), loc.resolve("tiny-bert").folder());
        assertEquals(ModelLocator.Kind.SAMPLE, loc.resolve("tiny-gpt").kind());
    }

    @Test
    void cacheNameUsesTheSnapshotThatRefsMainNames() throws IOException {
        Path cache = tmp.resolve("hub");
        Path wanted = cachedRepo(cache, "models--bert-base-uncased", "abc123", true);
        Path older = model(cache.resolve("models--bert-base-uncased/snapshots/zzz999"), "bert");
        Files.setLastModifiedTime(older.resolve("config.json"), FileTime.fromMillis(System.currentTimeMillis() + 100_000));
        var loc = new ModelLocator(Map.of("HF_HUB_CACHE", cache.toString()), tmp, List.of());
        var f = loc.resolve("bert-base-uncased");
        assertEquals(ModelLocator.Kind.HF_CACHE, f.kind());
        assertEquals(wanted, f.folder());
    }

    @Test
    void cacheWithoutRefsFallsBackToNewestSnapshot() throws IOException {
        Path cache = tmp.resolve("hub");
        Path old = cachedRepo(cache, "models--openai-community--gpt2", "old", false);
        Path fresh = cachedRepo(cache, "models--openai-community--gpt2", "new", false);
        Files.setLastModifiedTime(old.resolve("config.json"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(fresh.resolve("config.json"), FileTime.fromMillis(2_000_000));
        var loc = new ModelLocator(Map.of("HF_HUB_CACHE", cache.toString()), tmp, List.of());
        assertEquals(fresh, loc.resolve("openai-community/gpt2").folder());
        // the short name finds the organisation's copy when it is the only match
        assertEquals(fresh, loc.resolve("gpt2").folder());
    }

    @Test
    void cacheRootFollowsHfHubCacheThenHfHomeThenHome() {
        assertEquals(Path.of("/x/hub"), new ModelLocator(Map.of("HF_HUB_CACHE", "/x/hub", "HF_HOME", "/y"), tmp, List.of()).cacheRoot());
        assertEquals(Path.of("/y/hub"), new ModelLocator(Map.of("HF_HOME", "/y"), tmp, List.of()).cacheRoot());
        assertEquals(tmp.resolve(".cache/huggingface/hub"), new ModelLocator(Map.of(), tmp, List.of()).cacheRoot());
    }

    @Test
    void cachedModelsListsEveryRepoWithASnapshot() throws IOException {
        Path cache = tmp.resolve(".cache/huggingface/hub");
        cachedRepo(cache, "models--bert-base-uncased", "c1", true);
        cachedRepo(cache, "models--openai-community--gpt2", "c2", true);
        Files.createDirectories(cache.resolve("models--empty/snapshots"));
        Files.createDirectories(cache.resolve("datasets--squad"));
        var loc = new ModelLocator(Map.of(), tmp, List.of());
        assertEquals(List.of("bert-base-uncased", "openai-community/gpt2"),
                loc.cachedModels().stream().map(ModelLocator.Found::name).toList());
    }

    @Test
    void unknownNameSaysWhereItLookedAndWhatToDo() throws IOException {
        model(tmp.resolve("samples/tiny-bert"), "bert");
        var loc = new ModelLocator(Map.of(), tmp, List.of(tmp.resolve("samples")));
        var e = assertThrows(ModelFormatException.class, () -> loc.resolve("no-such-model"));
        assertTrue(e.problem().contains("no-such-model"), e.getMessage());
        assertTrue(e.problem().contains("tiny-bert"), e.getMessage());
        assertTrue(e.problem().contains(loc.cacheRoot().toString()), e.getMessage());
    }

    @Test
    void aFileIsNotAModelFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.safetensors"), "x");
        var loc = new ModelLocator(Map.of(), tmp, List.of());
        var e = assertThrows(ModelFormatException.class, () -> loc.resolve(file.toString()));
        assertTrue(e.problem().contains("is a file"), e.getMessage());
    }

    @Test
    void blankNameIsRefused() {
        var loc = new ModelLocator(Map.of(), tmp, List.of());
        assertThrows(ModelFormatException.class, () -> loc.resolve("  "));
    }
}
