package org.attentionlab.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.files.ModelFiles;

/**
 * Finds model folders: by path, by the name of a shipped sample model, or by a name in the
 * local HuggingFace cache. Nothing is downloaded.
 *
 * <p>HuggingFace cache layout: {@code <cache>/models--ORG--NAME/snapshots/<commit>/} holds the
 * files (often as links into {@code blobs/}); {@code refs/main} names the commit to use. The
 * cache root is {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
 */
public final class ModelLocator {
    /** A model folder found on disk, with the name to show and how it was found. */
    public record Found(String name, Path folder, Kind kind, String modelType) {
    }

    /** How a model was found. */
    public enum Kind { SAMPLE, FOLDER, HF_CACHE }

    private final Map<String, String> env;
    private final Path home;
    private final List<Path> sampleRoots;

    /**
     * @param env         environment variables (System.getenv() in the app)
     * @param home        the user's home folder
     * @param sampleRoots folders that may hold shipped sample models, in order of preference
     */
    public ModelLocator(Map<String, String> env, Path home, List<Path> sampleRoots) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.sampleRoots = List.copyOf(sampleRoots);
    }

    /** The locator the app and CLI use: real environment, sample models from {@link SampleModels}. */
    public static ModelLocator system() {
        return new ModelLocator(System.getenv(), Path.of(System.getProperty("user.home")), SampleModels.roots());
    }

    /**
     * Resolves what a user typed after {@code --model}: an existing folder path, a sample model
     * name, or a HuggingFace cache name such as {@code bert-base-uncased} or {@code openai-community/gpt2}.
     */
    public Found resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new ModelFormatException("No model was named.", "Give a sample model name, a model folder, or a name from the HuggingFace cache.");
        }
        String s = spec.strip();
        Path asPath = Path.of(s.startsWith("~/") ? home + s.substring(1) : s);
        if (Files.isDirectory(asPath)) {
            return new Found(asPath.toAbsolutePath().normalize().getFileName().toString(), asPath.toAbsolutePath().normalize(),
                    Kind.FOLDER, modelTypeOf(asPath).orElse(null));
        }
        for (Found f : samples()) {
            if (f.name().equals(s)) {
                return f;
            }
        }
        Optional<Found> cached = findInCache(s);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (Files.exists(asPath)) {
            throw new ModelFormatException(spec + " is a file, not a model folder.",
                    "Give the folder that contains config.json and model.safetensors.");
        }
        List<String> names = samples().stream().map(Found::name).toList();
        throw new ModelFormatException("No model called '" + spec + "' was found: it is not a folder, not a sample model"
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")") + ", and not in the HuggingFace cache at "
                + cacheRoot() + ".",
                "Give a model folder path, a sample name, or a model you have downloaded before with HuggingFace tools.");
    }

    /** The shipped sample models, one per folder with a config.json, sorted by name. */
    public List<Found> samples() {
        Map<String, Found> byName = new LinkedHashMap<>();
        for (Path root : sampleRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("config.json"))).sorted().forEach(d -> byName.putIfAbsent(
                        d.getFileName().toString(),
                        new Found(d.getFileName().toString(), d.toAbsolutePath().normalize(), Kind.SAMPLE, modelTypeOf(d).orElse(null))));
            } catch (IOException e) {
                // an unreadable sample folder is skipped; the others still show
            }
        }
        List<Found> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparing(Found::name));
        return out;
    }

    /** Models in the local HuggingFace cache whose snapshot has a config.json, sorted by name. */
    public List<Found> cachedModels() {
        Path root = cacheRoot();
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> repos = Files.list(root)) {
            repos.filter(p -> p.getFileName().toString().startsWith("models--")).sorted().forEach(repo -> {
                String name = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
                snapshotOf(repo).ifPresent(snap -> out.add(new Found(name, snap, Kind.HF_CACHE, modelTypeOf(snap).orElse(null))));
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The HuggingFace hub cache folder this locator looks in. */
    public Path cacheRoot() {
        String hub = env.get("HF_HUB_CACHE");
        if (hub != null && !hub.isBlank()) {
            return Path.of(hub);
        }
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        return home.resolve(".cache").resolve("huggingface").resolve("hub");
    }

    private Optional<Found> findInCache(String name) {
        Path root = cacheRoot();
        if (!Files.isDirectory(root) || name.contains("..")) {
            return Optional.empty();
        }
        Path exact = root.resolve("models--" + name.replace("/", "--"));
        if (Files.isDirectory(exact)) {
            return snapshotOf(exact).map(s -> new Found(name, s, Kind.HF_CACHE, modelTypeOf(s).orElse(null)));
        }
        if (!name.contains("/")) {
            // "gpt2" may be cached under its organisation's name, e.g. models--openai-community--gpt2
            List<Found> matches = cachedModels().stream().filter(f -> f.name().endsWith("/" + name)).toList();
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
        }
        return Optional.empty();
    }

    /** The snapshot named by refs/main, else the most recently modified one that has a config.json. */
    static Optional<Path> snapshotOf(Path repo) {
        Path snapshots = repo.resolve("snapshots");
        try {
            Path ref = repo.resolve("refs").resolve("main");
            if (Files.isRegularFile(ref)) {
                String commit = new String(ModelFiles.readBytes(ref, 4096), StandardCharsets.UTF_8).strip();
                Path snap = snapshots.resolve(commit);
                if (!commit.isEmpty() && !commit.contains("/") && Files.isRegularFile(snap.resolve("config.json"))) {
                    return Optional.of(snap);
                }
            }
            if (!Files.isDirectory(snapshots)) {
                return Optional.empty();
            }
            try (Stream<Path> s = Files.list(snapshots)) {
                return s.filter(p -> Files.isRegularFile(p.resolve("config.json")))
                        .max(Comparator.comparing(p -> lastModified(p.resolve("config.json"))));
            }
        } catch (IOException | UncheckedIOException | ModelFormatException e) {
            return Optional.empty();
        }
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The {@code model_type} in a folder's config.json, if it can be read. */
    public static Optional<String> modelTypeOf(Path folder) {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            JsonNode n = new ObjectMapper().readTree(ModelFiles.readBytes(config));
            JsonNode t = n == null ? null : n.get("model_type");
            return t == null || !t.isTextual() ? Optional.empty() : Optional.of(t.asText());
        } catch (IOException | ModelFormatException e) {
            return Optional.empty();
        }
    }
}
