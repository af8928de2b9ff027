package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line under extreme options and hostile targets (issue 16): a non-zero exit, one
 * line saying what is wrong and what to do, no stack trace, nothing destroyed.
 */
class CliRobustnessTest {
    private static final String GPT = "sample-models/tiny-gpt";
    /** The sample GPT's context length, read from its config (not copied from our output). */
    private static final int CONTEXT = contextOf(GPT);

    private static int contextOf(String folder) {
        try {
            return new ObjectMapper().readTree(Path.of(folder, "config.json").toFile()).get("n_positions").asInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    private static final String BERT = "sample-models/tiny-bert";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void assertOneLineError(CliRun r, String... mentions) {
        assertTrue(r.code() == 1 || r.code() == 2, "exit code " + r.code() + ": " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("loading ")).toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("error: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        for (String m : mentions) {
            assertTrue(lines.get(0).contains(m), "should mention '" + m + "': " + lines.get(0));
        }
    }

    /** Options zero, negative, huge, NaN and missing values: the option corpus. */
    static Stream<List<String>> badOptions() {
        return Stream.of(
                List.of("bench", "--model", GPT, "--tokens", "-1"),
                List.of("bench", "--model", BERT, "--tokens", "0"),
                List.of("bench", "--model", BERT, "--tokens", "2147483647"),
                List.of("bench", "--model", GPT, "--new-tokens", "2147483647"),
                List.of("bench", "--model", GPT, "--new-tokens", "-5"),
                List.of("bench", "--model", GPT, "--prompt-tokens", "0"),
                List.of("bench", "--model", GPT, "--repeat", "0"),
                List.of("bench", "--model", GPT, "--threads", "-2"),
                List.of("bench", "--model", GPT, "--tokens", "abc"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--max-new-tokens", "0"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--max-new-tokens", "-1"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--max-new-tokens", "99999999999"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--temperature", "NaN"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--temperature", "0"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--temperature", "-1"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--temperature", "Infinity"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--top-p", "NaN"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--top-p", "1.5"),
                List.of("generate", "--model", GPT, "--prompt", "hi", "--top-k", "-3"),
                List.of("generate", "--model", GPT, "--prompt", ""),
                List.of("generate", "--model", GPT, "--prompt"),
                List.of("generate", "--model"),
                List.of("inspect", "--model", BERT, "--text", " \t "),
                List.of("inspect", "--model", BERT, "--text", "[MASK] ".repeat(300)),
                List.of("export", "--model", BERT, "--text", "hi", "--head", "-1", "--format", "csv", "--out", "x.csv"),
                List.of("export", "--model", BERT, "--text", "hi", "--head", "99", "--format", "csv", "--out", "x.csv"),
                List.of("export", "--model", BERT, "--text", "hi", "--layer", "-1", "--format", "csv", "--out", "x.csv"),
                List.of("export", "--model", BERT, "--text", "hi", "--top-k", "-1", "--format", "csv", "--out", "x.csv"),
                List.of("export", "--model", BERT, "--text", "hi", "--format", "gif", "--out", "x.gif"),
                List.of("seq2seq", "--model", "sample-models/seq2seq-dot", "--text", "\u03a3".repeat(60_000)),
                List.of("inspect", "--model", "/nonexistent/folder", "--text", "hi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionsAreOneLineErrors(List<String> args) {
        assertOneLineError(CliRun.of(args.toArray(String[]::new)));
    }

    @Test
    void benchNewTokensHugeIsRefusedBeforeAllocatingWithTheRoomLeft() {
        assertOneLineError(CliRun.of("bench", "--model", GPT, "--new-tokens", "2147483647", "--repeat", "1", "--warmup", "0"),
                "--new-tokens 2147483647", "Use --new-tokens " + (CONTEXT - 8 + 1) + " or fewer");
    }

    @Test
    void benchTokensMinusOneIsAnOptionError() {
        assertOneLineError(CliRun.of("bench", "--model", GPT, "--tokens", "-1"), "--tokens -1", "1 to " + CONTEXT);
    }

    @Test
    void generateMaxNewTokensHugeIsCappedByTheContextWithANote() throws IOException {
        CliRun r = CliRun.of("generate", "--model", GPT, "--prompt", "hello", "--max-new-tokens", "2147483647", "--no-stop");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        int prompt = j.get("prompt_ids").size();
        assertEquals(CONTEXT - prompt + 1, j.get("new_ids").size());
        assertEquals("context_full", j.get("stop_reason").asText());
        assertTrue(r.err().contains("note: --max-new-tokens 2147483647 is more than"), r.err());
    }

    @Test
    void temperatureOf1eMinus40GeneratesTheGreedyTokens() throws IOException {
        CliRun cold = CliRun.of("generate", "--model", GPT, "--prompt", "the cat", "--max-new-tokens", "6", "--temperature", "1e-40",
                "--seed", "3");
        CliRun greedy = CliRun.of("generate", "--model", GPT, "--prompt", "the cat", "--max-new-tokens", "6", "--greedy");
        assertEquals(0, cold.code(), cold.err());
        assertEquals(JSON.readTree(greedy.out()).get("new_ids"), JSON.readTree(cold.out()).get("new_ids"));
    }

    @Test
    void exportHeadMinusOneIsRejectedTheMeanHasItsOwnValue() {
        assertOneLineError(CliRun.of("export", "--model", BERT, "--text", "hi", "--head", "-1", "--format", "csv", "--out",
                dir.resolve("x.csv").toString()), "--head", "mean");
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void exportIntoAnEmptyFolderNeverReplacesIt() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (String format : new String[] {"png", "svg", "csv"}) {
            assertOneLineError(CliRun.of("export", "--model", BERT, "--text", "hi", "--format", format, "--out", empty.toString()),
                    "is a folder");
            assertTrue(Files.isDirectory(empty), "the folder is still there after " + format);
        }
    }

    @Test
    void exportIntoAFolderWithFilesIsOneLineAndLeavesThem() throws IOException {
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");
        assertOneLineError(CliRun.of("export", "--model", BERT, "--text", "hi", "--format", "png", "--out", full.toString()),
                "is a folder");
        assertEquals("keep", Files.readString(full.resolve("keep.txt")));
    }

    @Test
    void anInternalErrorOrAnErrorIsOneLineWithDetailsInALogFile() throws IOException {
        String before = System.getProperty(CrashReport.LOG_DIR_PROPERTY);
        System.setProperty(CrashReport.LOG_DIR_PROPERTY, dir.resolve("logs").toString());
        try {
            for (Throwable t : new Throwable[] {new IllegalStateException("boom\nsecond line"),
                    new OutOfMemoryError("Java heap space")}) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = CrashReport.report(t, new PrintStream(err, true, StandardCharsets.UTF_8));
                String text = err.toString(StandardCharsets.UTF_8);
                assertEquals(3, code);
                assertEquals(1, text.lines().count(), text);
                assertFalse(text.contains("\tat ") || text.contains("second line"), text);
                Path log = Path.of(text.replaceAll(".*Details are in (\\S+\\.log)\\..*\\R?", "$1"));
                assertTrue(Files.readString(log).contains(t.getClass().getName()), "the log holds the stack trace");
                assertTrue(Files.readString(log).contains("\tat "), "the log holds the stack trace");
            }
        } finally {
            if (before == null) {
                System.clearProperty(CrashReport.LOG_DIR_PROPERTY);
            } else {
                System.setProperty(CrashReport.LOG_DIR_PROPERTY, before);
            }
        }
    }

    /** Runs the CLI in a new JVM with {@code env} replacing the environment. */
    private static CliRun process(List<String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.attentionlab.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", System.getProperty("user.home"));
        for (String kv : env) {
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new CliRun(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneLine() throws Exception {
        CliRun r = process(List.of());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: the window cannot open: there is no display"), r.err());
    }

    @Test
    void argumentsAndOutputAreUtf8UnderThePosixLocale() throws Exception {
        String prompt = "Gr\u00fc\u00dfe \u2713 the";
        CliRun r = process(List.of("LC_ALL=C", "LANG=C"), "generate", "--model", GPT, "--prompt", prompt, "--max-new-tokens", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(JSON.readTree(r.out()).get("full_text").asText().startsWith(prompt), r.out());
    }
}
