package org.attentionlab.io.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the shipped sample models are. In a checkout they are the {@code sample-models/}
 * folder; the jar also carries them, so a copied jar still works: they are unpacked once into
 * {@code ~/.cache/attention-lab/sample-models/<jar size and date>/}.
 */
public final class SampleModels {
    /** Overrides every other place, for tests and for teachers who keep models elsewhere. */
    public static final String HOME_PROPERTY = "attentionlab.samples";

    private SampleModels() {
    }

    /** Candidate roots, most specific first. */
    public static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            roots.add(Path.of(prop));
            return roots;
        }
        roots.add(Path.of("sample-models").toAbsolutePath());
        Path code = codeLocation();
        if (code != null) {
            // target/attention-lab.jar or target/classes -> the checkout's sample-models/
            Path parent = code.getParent();
            if (parent != null && parent.getParent() != null) {
                roots.add(parent.getParent().resolve("sample-models"));
            }
            if (Files.isRegularFile(code)) {
                Path unpacked = unpackFromJar(code);
                if (unpacked != null) {
                    roots.add(unpacked);
                }
            }
        }
        return roots;
    }

    private static Path codeLocation() {
        try {
            var src = SampleModels.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Unpacks {@code sample-models/} from the jar once; returns null when the jar has none. */
    private static Path unpackFromJar(Path jar) {
        try (FileSystem fs = FileSystems.newFileSystem(jar, Map.of())) {
            Path inJar = fs.getPath("/sample-models");
            if (!Files.isDirectory(inJar)) {
                return null;
            }
            String stamp = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            Path target = Path.of(System.getProperty("user.home"), ".cache", "attention-lab", "sample-models", stamp);
            Path done = target.resolve(".complete");
            if (Files.exists(done)) {
                return target;
            }
            try (Stream<Path> all = Files.walk(inJar)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Path out = target.resolve(inJar.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(out);
                    } else {
                        try (InputStream in = Files.newInputStream(p)) {
                            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            Files.createFile(done);
            return target;
        } catch (IOException | RuntimeException e) {
            return null; // a read-only home or a damaged jar: the checkout's folder may still work
        }
    }
}
