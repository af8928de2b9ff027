package org.attentionlab.service.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotPrompt;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.PromptLine;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invariants of the prompt lab's service on tiny-gpt: prompts, accuracy bookkeeping, cancel, attention. */
class FewShotServiceTest {
    static ModelSession session;
    static FewShotService service;
    static List<FewShotTask> tasks;

    @BeforeAll
    static void load() {
        session = ModelSessions.open(ModelCatalog.system().resolve("tiny-gpt"));
        service = new FewShotService(session);
        tasks = TaskFile.parse(Path.of("src/test/resources/fewshot/tiny-gpt-v1-tasks.json"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    static FewShotTask task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** The task with fewer queries, so that the accuracy tests stay quick. */
    static FewShotTask small(String name, int queries) {
        FewShotTask t = task(name);
        return new FewShotTask(t.name(), "opposites :", t.pairs(), t.queries().subList(0, queries), t.arrow());
    }

    @Test
    void promptTextIsDescriptionExamplesAndQueryLineEndingInTheArrow() {
        FewShotPrompt p = FewShotPrompt.of("opposites :", List.of(new ShotPair("hot", "cold"), new ShotPair("big", "small")),
                new ShotPair("tall", "short"), "->");
        assertEquals("opposites :\nhot -> cold\nbig -> small\ntall ->", p.text());
        List<PromptLine> lines = p.lines();
        assertEquals(List.of(PromptLine.Kind.DESCRIPTION, PromptLine.Kind.EXAMPLE, PromptLine.Kind.EXAMPLE,
                PromptLine.Kind.QUERY), lines.stream().map(PromptLine::kind).toList());
        int at = 0;
        for (PromptLine l : lines) {                       // the lines tile the text, each with its line break
            assertEquals(at, l.start());
            assertTrue(p.text().substring(l.start(), l.end()).startsWith(l.text()));
            at = l.end();
        }
        assertEquals(p.text().length(), at);
        assertEquals("hot -> cold\nbig -> small\ntall ->", p.withoutDescription().text());
    }

    @Test
    void examplesNeverAskTheQueryOrItsAnswer() {
        List<ShotPair> order = List.of(new ShotPair("hot", "cold"), new ShotPair("cold", "hot"), new ShotPair("big", "small"),
                new ShotPair("wet", "dry"));
        assertEquals(List.of(new ShotPair("big", "small"), new ShotPair("wet", "dry")),
                FewShotService.examplesFor(order, new ShotPair("hot", "cold"), 4));
        assertEquals(List.of(new ShotPair("hot", "cold")), FewShotService.examplesFor(order, new ShotPair("big", "small"), 1));
    }

    @Test
    void aPromptOnlyMappingPutsTheQuerysOwnPairFirst() {
        List<ShotPair> mapping = List.of(new ShotPair("cat", "lamp"), new ShotPair("sun", "boat"), new ShotPair("red", "tree"));
        FewShotTask t = new FewShotTask("mapping", "new words :", mapping, mapping, "->", true);
        assertEquals(List.of(new ShotPair("sun", "boat"), new ShotPair("cat", "lamp")),
                FewShotService.examplesFor(t, mapping, new ShotPair("sun", "boat"), 2));
        assertEquals(List.of(), FewShotService.examplesFor(t, mapping, new ShotPair("sun", "boat"), 0));
        FewShotTask lookup = new FewShotTask("m", "", mapping, mapping, "->");
        assertEquals(List.of(new ShotPair("cat", "lamp"), new ShotPair("red", "tree")),
                FewShotService.examplesFor(lookup, mapping, new ShotPair("sun", "boat"), 2));
    }

    @Test
    void ordersAreFixedShufflesThatDiffer() {
        FewShotTask t = task("opposite");
        assertEquals(FewShotService.order(t, 1), FewShotService.order(t, 1));
        assertFalse(FewShotService.order(t, 0).equals(FewShotService.order(t, 1)));
        assertEquals(new java.util.HashSet<>(t.pairs()), new java.util.HashSet<>(FewShotService.order(t, 2)));
    }

    @Test
    void answerRuleCutsAtTheLineOrTheFirstWord() {
        assertEquals(5, AnswerRule.LINE.cut(" cold\nbig"));
        assertEquals(-1, AnswerRule.LINE.cut(" cold and"));
        assertEquals(5, AnswerRule.FIRST_WORD.cut(" cold and"));
        assertEquals(-1, AnswerRule.FIRST_WORD.cut("  col"));
        assertEquals(0, AnswerRule.FIRST_WORD.cut("\n cold"));
    }

    @Test
    void accuracyPointsCountTheItemsAndZeroShotHasNoSpread() {
        FewShotTask t = small("opposite", 6);
        AtomicLong last = new AtomicLong(-1);
        List<Long> seen = new ArrayList<>();
        AccuracyReport r = service.accuracy(t, new FewShotService.AccuracyRequest(List.of(0, 1, 2), true, true, 3,
                AnswerRule.LINE), (done, total, msg) -> {
                    seen.add(done);
                    last.set(total);
                }, Cancellation.NONE);
        // 2 modes x (k=0 once + k=1, k=2 three orders each) x 6 queries
        assertEquals(2 * (1 + 3 + 3) * 6, r.items().size());
        assertEquals(r.items().size(), last.get());
        assertEquals(r.items().size(), seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i));
        }
        assertEquals(r.checksumBefore(), r.checksumAfter());
        for (AccuracyPoint p : r.points()) {
            List<EvalItem> items = r.itemsOf(p.shots(), p.withDescription());
            for (int o = 0; o < 3; o++) {
                int order = p.shots() == 0 ? 0 : o;
                long right = items.stream().filter(i -> i.order() == order && i.correct()).count();
                assertEquals(right / 6.0, p.byOrder()[o], 1e-12, p.toString());
            }
            if (p.shots() == 0) {
                assertEquals(p.min(), p.max());
            }
            for (EvalItem i : items) {
                assertEquals(i.got().equals(i.expected()), i.correct());
                assertEquals(p.withDescription(), i.prompt().startsWith("opposites :\n"));
                assertEquals(p.shots() + (p.withDescription() ? 1 : 0), i.prompt().split("\n").length - 1);
            }
        }
    }

    @Test
    void accuracyItemsEqualAnsweringEachPromptAlone() {
        FewShotTask t = small("past", 4);
        AccuracyReport r = service.accuracy(t, new FewShotService.AccuracyRequest(List.of(0, 2), true, true, 2,
                AnswerRule.LINE), Progress.NONE, Cancellation.NONE);
        for (EvalItem i : r.items()) {
            PromptAnswer alone = service.answer(FewShotPrompt.freeText(i.prompt(), i.expected()), AnswerRule.LINE);
            assertEquals(alone.answer(), i.got(), i.prompt());
            assertEquals(alone.probability(), i.probability(), 1e-5, i.prompt());
        }
    }

    @Test
    void cancellingStopsTheRunPromptly() {
        FewShotTask t = task("toy");
        AtomicLong done = new AtomicLong();
        Cancellation cancel = () -> done.get() >= 5;
        assertThrows(CancellationException.class, () -> service.accuracy(t, FewShotService.AccuracyRequest.standard(),
                (d, total, m) -> done.set(d), cancel));
        assertEquals(5, done.get());
    }

    @Test
    void sideBySideHasTheFourColumnsOfTheFigureAndChangesNoWeight() {
        List<ShotPair> examples = task("toy").pairs().subList(0, 6);
        ShotPair q = task("toy").queries().get(0);
        SideBySide s = service.sideBySide("", examples, 4, q, "->", AnswerRule.LINE);
        assertEquals(0, s.column(SideBySide.Kind.ZERO_SHOT).prompt().shots());
        assertEquals(1, s.column(SideBySide.Kind.ONE_SHOT).prompt().shots());
        assertEquals(4, s.column(SideBySide.Kind.FEW_SHOT).prompt().shots());
        assertEquals(examples.subList(0, 4), s.column(SideBySide.Kind.EXAMPLES_ONLY).prompt().examples());
        assertEquals(s.checksumBefore(), s.checksumAfter());
        for (SideBySide.Column c : s.columns()) {
            assertEquals(5, c.answer().top().size());
            assertEquals(c.answer().answerIds().length == 0 ? c.answer().top().get(0).id() : c.answer().answerIds()[0],
                    c.answer().top().get(0).id(), "greedy takes the most likely first token");
            for (int i = 1; i < 5; i++) {
                assertTrue(c.answer().top().get(i - 1).probability() >= c.answer().top().get(i).probability());
            }
        }
    }

    @Test
    void attentionRowsAndLineMassesSumToOneAndEarlierQueryCopiesAreMarked() {
        FewShotPrompt p = FewShotPrompt.of("", List.of(new ShotPair("hot", "cold"), new ShotPair("big", "small"),
                new ShotPair("hot", "cold")), new ShotPair("hot", "cold"), "->");
        AnswerAttention a = service.attention(p);
        for (int l = 0; l < a.layers(); l++) {
            for (int h = 0; h < a.heads(); h++) {
                double row = 0;
                double lines = 0;
                for (float v : a.row()[l][h]) {
                    row += v;
                }
                for (float v : a.lineMass()[l][h]) {
                    lines += v;
                }
                assertEquals(1, row, 1e-5);
                assertEquals(1, lines, 1e-5);
            }
        }
        // "hot" is two tokens at a line start here ("h", "ot"): the marks follow the tokens, whatever they are
        List<String> tokens = a.tokens();
        StringBuilder[] markedText = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
        int lastMarked = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (a.queryEarlier()[i]) {
                markedText[a.tokenLine()[i]].append(tokens.get(i));
                lastMarked = i;
            }
            if (a.afterEarlier()[i]) {
                assertTrue(a.queryEarlier()[i - 1], "marked right after an earlier copy");
                assertFalse(a.queryEarlier()[i]);
                assertEquals("Ġ->", tokens.get(i));   // what follows the copy is the arrow
            }
        }
        assertEquals("hot", markedText[0].toString());
        assertEquals("", markedText[1].toString());
        assertEquals("hot", markedText[2].toString());
        assertEquals("", markedText[3].toString(), "the query itself is not an earlier copy");
        assertEquals(2, lastMarked < 0 ? 0 : a.tokenLine()[lastMarked]);
        assertEquals(3, a.tokenLine()[tokens.size() - 1]);
        float[] avg = a.lineMass(-1, -1);
        double s = 0;
        for (float v : avg) {
            s += v;
        }
        assertEquals(1, s, 1e-5);
    }

    @Test
    void aModelThatCannotContinueAPromptIsRefusedWithAMessage() {
        try (ModelSession bert = ModelSessions.open(ModelCatalog.system().resolve("tiny-bert"))) {
            InputException e = assertThrows(InputException.class, () -> new FewShotService(bert));
            assertTrue(e.getMessage().contains("cannot continue a prompt"), e.getMessage());
        }
    }
}
