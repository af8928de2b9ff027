package org.attentionlab.robustness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.LabException;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.robustness.MalformedCorpus.Case;
import org.attentionlab.robustness.MalformedCorpus.Expect;
import org.attentionlab.robustness.MalformedCorpus.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the malformed-input corpus goes through the loaders the app and the CLI use,
 * and every odd text through every sample model. The contract: success, or the project's own
 * {@link LabException} with a problem and a remedy; never another exception, never a hang (each
 * case has a time bound and fails when it passes it), never garbage computed silently.
 */
class MalformedCorpusTest {
    /** Far above any case's real time (the slowest is well under a second); only a hang reaches it. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final org.attentionlab.engine.TokenListener NO_LISTENER = (step, id, p) -> { };

    @TempDir
    static Path root;
    private static List<Case> cases;
    private static TransformerSession bert;
    private static TransformerSession gpt;
    private static Seq2SeqModel seq2seq;

    @BeforeAll
    static void generate() throws IOException {
        cases = MalformedCorpus.generate(root);
        bert = ModelSessions.openTransformer(sample("tiny-bert"));
        gpt = ModelSessions.openTransformer(sample("tiny-gpt"));
        seq2seq = Seq2SeqModel.load(MalformedCorpus.SAMPLES.resolve("seq2seq-dot"));
    }

    @AfterAll
    static void close() throws Exception {
        bert.close();
        gpt.close();
    }

    private static ModelRef sample(String name) {
        return new ModelRef(name, MalformedCorpus.SAMPLES.resolve(name), ModelRef.Origin.SAMPLE);
    }

    /** The outcome of one case: null on success, else the LabException; any other throwable fails the test. */
    private static LabException outcome(Runnable work) {
        try {
            work.run();
            return null;
        } catch (LabException e) {
            assertFalse(e.problem().isBlank(), "a LabException without a problem");
            assertFalse(e.problem().contains("\n"), "the problem is one line: " + e.problem());
            return e;
        } catch (Throwable t) {
            throw new AssertionError("not the project's error type: " + t, t);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenFolderIsRefusedWithAMessageOrLoads() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            LabException e = assertTimeoutPreemptively(BOUND, () -> outcome(() -> loadAndRun(c)));
            if (c.expect() == Expect.REFUSED) {
                assertTrue(e != null, c.name() + " should be refused, but loaded and ran");
                assertFalse(e.remedy().isBlank(), c.name() + ": no remedy in: " + e.getMessage());
            } else if (c.expect() == Expect.LOADS && e != null) {
                fail(c.name() + " should load and run, but: " + e.getMessage());
            }
        }));
    }

    /** Loads a case and, when it loads, runs it once the way a lesson would. */
    private static void loadAndRun(Case c) {
        if (c.loader() == MalformedCorpus.Loader.SEQ2SEQ) {
            Seq2SeqModel m = Seq2SeqModel.load(c.folder());
            m.translate("the cat", 5);
            return;
        }
        try (TransformerSession s = ModelSessions.openTransformer(new ModelRef(c.name(), c.folder(), ModelRef.Origin.FOLDER))) {
            Encoding in = s.encode("the cat sat on the [MASK] .");
            s.run(in, Set.of(org.attentionlab.domain.TraceItem.ATTENTIONS));
            if (s.canPredictMasks()) {
                s.predictMasks(in, 5);
            }
            if (s.canGenerate()) {
                s.generate(in.ids(), GenerationSettings.greedy(3), NO_LISTENER, Cancellation.NONE);
                s.generate(in.ids(), GenerationSettings.sampling(3, 0.8, 20, 0.9, 7), NO_LISTENER, Cancellation.NONE);
            }
        } catch (LabException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOddTextRunsOrIsRefusedWithAMessage() {
        return MalformedCorpus.texts().stream().flatMap(t -> Stream.of(
                DynamicTest.dynamicTest("BERT: " + t.label(), () -> text(t, () -> {
                    Encoding in = bert.encode(t.text());
                    bert.run(in, Set.of(org.attentionlab.domain.TraceItem.ATTENTIONS));
                    bert.predictMasks(in, 5);
                })),
                DynamicTest.dynamicTest("GPT-2: " + t.label(), () -> text(t, () -> {
                    Encoding in = gpt.encode(t.text());
                    gpt.generate(in.ids(), GenerationSettings.greedy(2), NO_LISTENER, Cancellation.NONE);
                })),
                DynamicTest.dynamicTest("seq2seq: " + t.label(), () -> text(t, () -> seq2seq.translate(t.text(), 5)))));
    }

    private static void text(Text t, Runnable work) {
        LabException e = assertTimeoutPreemptively(BOUND, () -> outcome(work));
        if (t.text().isBlank()) {
            assertTrue(e != null, "a blank text is refused");
        }
    }
}
