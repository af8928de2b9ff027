package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COMMAND --help} prints the command's options, and every option it lists is one the
 * command accepts: an unknown option is refused with a pointer to --help, so --help must exist
 * and must not lie.
 */
class UsageTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "generate", "export", "seq2seq", "bench"})
    void helpPrintsTheUsageAndExitsZero(String command) {
        CliRun r = run(command, "--model", "tiny-bert", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("usage: java -jar attention-lab.jar " + command + " --model"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "generate", "export", "seq2seq", "bench"})
    void everyListedOptionIsAccepted(String command) {
        String usage = run(command, "--help").out();
        // "--name VALUE" takes a value; "--name" before "]", "|" or another option is a flag
        Matcher m = Pattern.compile("--([a-z0-9-]+)( [^\\s\\[\\]|-][^\\s\\]|]*)?").matcher(usage);
        int checked = 0;
        while (m.find()) {
            String option = m.group(1);
            String given = m.group(2) != null ? "--" + option + "=1" : "--" + option;
            // the parser reads options in order: reaching the bogus one means it accepted this one
            CliRun r = run(command, given, "--not-an-option");
            assertTrue(r.err().contains("Unknown option --not-an-option."), command + " " + given + ": " + r.err());
            checked++;
        }
        assertTrue(checked >= 5, usage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "seq2seq"})
    void anUnknownOptionPointsToHelp(String command) {
        CliRun r = run(command, "--modle", "tiny-bert");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unknown option --modle") && r.err().contains("--help"), r.err());
    }
}
