package org.attentionlab.train.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
    private static CorpusGenerator.Corpus corpus;

    @BeforeAll
    static void generate() {
        corpus = CorpusGenerator.generate(CorpusGenerator.Spec.small(7));
    }

    @Test
    void sameSeedGivesTheSameCorpus() {
        CorpusGenerator.Corpus again = CorpusGenerator.generate(CorpusGenerator.Spec.small(7));
        assertEquals(corpus.lmTrain(), again.lmTrain());
        assertEquals(corpus.lmTest(), again.lmTest());
        assertEquals(corpus.iclEval(), again.iclEval());
        assertEquals(corpus.tasks().tasks(), again.tasks().tasks());
        assertEquals(corpus.translateTrain(), again.translateTrain());
        assertEquals(corpus.datesTest(), again.datesTest());
        assertEquals(corpus.episodesTrain(), again.episodesTrain());
    }

    @Test
    void differentSeedsGiveDifferentCorpora() {
        CorpusGenerator.Corpus other = CorpusGenerator.generate(CorpusGenerator.Spec.small(8));
        assertNotEquals(corpus.lmTrain(), other.lmTrain());
        assertNotEquals(corpus.translateTest(), other.translateTest());
    }

    @Test
    void splitsHaveTheRequestedSizes() {
        CorpusGenerator.Spec s = corpus.spec();
        assertEquals(s.lmTrain(), corpus.lmTrain().size());
        assertEquals(s.lmTest(), corpus.lmTest().size());
        assertEquals(s.translateValid(), corpus.translateValid().size());
        assertEquals(s.datesTrain(), corpus.datesTrain().size());
        assertEquals(s.episodesTrain(), corpus.episodesTrain().size());
        assertEquals(s.episodesTest(), corpus.episodesTest().size());
    }

    @Test
    void heldOutTextsNeverAppearInTraining() {
        assertDisjoint(corpus.lmTrain(), corpus.lmTest(), LmDocument::text);
        assertDisjoint(corpus.lmTrain(), corpus.lmValid(), LmDocument::text);
        assertDisjoint(corpus.lmValid(), corpus.lmTest(), LmDocument::text);
        assertDisjoint(corpus.episodesTrain(), corpus.episodesTest(), LmDocument::text);
        assertDisjoint(corpus.episodesTrain(), corpus.lmTest(), LmDocument::text);
        Function<ParallelExample, String> source = e -> String.join(" ", e.source());
        assertDisjoint(corpus.translateTrain(), corpus.translateTest(), source);
        assertDisjoint(corpus.translateTrain(), corpus.translateValid(), source);
        assertDisjoint(corpus.datesTrain(), corpus.datesTest(), source);
        assertDisjoint(corpus.datesValid(), corpus.datesTest(), source);
    }

    private static <T> void assertDisjoint(List<T> a, List<T> b, Function<T, String> key) {
        Set<String> keys = new HashSet<>();
        a.forEach(x -> keys.add(key.apply(x)));
        for (T x : b) {
            assertFalse(keys.contains(key.apply(x)), "held-out item also in training: " + key.apply(x));
        }
    }

    @Test
    void heldOutTaskPairsNeverAppearInATrainingBlock() {
        Map<String, IclTasks.Task> tasks = corpus.tasks().tasks();
        Set<String> heldOutInputs = new HashSet<>();
        tasks.values().forEach(t -> t.heldOut().forEach(p -> heldOutInputs.add(t.name() + ":" + p.input())));
        int lines = 0;
        for (LmDocument d : corpus.lmTrain()) {
            if (!LmDocument.TASK.equals(d.kind()) || !tasks.containsKey(d.task())) {
                continue; // the prompt-only tasks (mapping, swap) have no fixed pairs: checked below
            }
            for (String line : d.text().split("\n")) {
                if (line.equals(IclTasks.DESCRIPTIONS.get(d.task()))) {
                    continue;
                }
                String[] parts = line.split(" -> ");
                assertEquals(2, parts.length, "a block line is 'x -> y': " + line);
                assertFalse(heldOutInputs.contains(d.task() + ":" + parts[0]), "held-out pair in a block: " + line);
                assertTrue(tasks.get(d.task()).train().contains(new IclTasks.Pair(parts[0], parts[1])),
                        "a block line is a training pair of its task: " + line);
                lines++;
            }
        }
        assertTrue(lines > 100, "the small corpus has task blocks");
    }

    @Test
    void promptOnlyBlocksNeverUseAHeldOutWord() {
        Set<String> heldOut = new HashSet<>(corpus.tasks().promptOnlyHeldOutWords());
        assertFalse(heldOut.isEmpty());
        int blocks = 0;
        for (LmDocument d : corpus.lmTrain()) {
            if (!IclTasks.MAPPING.equals(d.task()) && !IclTasks.SWAP.equals(d.task())) {
                continue;
            }
            blocks++;
            for (String line : d.text().split("\n")) {
                if (line.equals(IclTasks.DESCRIPTIONS.get(d.task()))) {
                    continue;
                }
                for (String w : line.replace(" -> ", " ").split(" ")) {
                    assertFalse(heldOut.contains(w), "held-out word in a training block: " + line);
                }
            }
        }
        assertTrue(blocks > 20, "the small corpus has prompt-only blocks");
        for (IclItem item : corpus.promptOnlyEval()) {
            for (String w : (item.query() + " " + item.answer()).split(" ")) {
                assertTrue(heldOut.contains(w), "prompt-only evaluation uses held-out words only: " + w);
            }
        }
    }

    @Test
    void evaluationExamplesAreTrainingPairsOtherThanTheQuery() {
        Map<String, IclTasks.Task> tasks = corpus.tasks().tasks();
        int heldOut = 0;
        for (IclItem item : corpus.iclEval()) {
            IclTasks.Task t = tasks.get(item.task());
            assertEquals(IclTasks.MAX_SHOTS, item.examples().size());
            Set<String> inputs = new HashSet<>();
            for (List<String> ex : item.examples()) {
                assertTrue(t.train().contains(new IclTasks.Pair(ex.get(0), ex.get(1))));
                assertNotEquals(item.query(), ex.get(0));
                assertTrue(inputs.add(ex.get(0)), "examples are distinct");
            }
            IclTasks.Pair asked = new IclTasks.Pair(item.query(), item.answer());
            assertEquals(item.heldOut(), t.heldOut().contains(asked));
            assertEquals(!item.heldOut(), t.train().contains(asked));
            heldOut += item.heldOut() ? 1 : 0;
        }
        assertTrue(heldOut > 0);
    }

    @Test
    void noEvaluationPromptWithItsAnswerIsATrainingText() {
        StringBuilder all = new StringBuilder();
        for (LmDocument d : corpus.lmTrain()) {
            if (LmDocument.TASK.equals(d.kind())) {
                all.append('\n').append(d.text()).append('\n');
            }
        }
        String blocks = all.toString();
        for (IclItem item : corpus.iclEval()) {
            for (int k = 2; k <= IclTasks.MAX_SHOTS; k *= 2) {
                String solved = IclTasks.prompt(item, k) + " " + item.answer();
                assertFalse(blocks.contains("\n" + solved + "\n"), "evaluation prompt seen in training: " + solved);
            }
        }
    }

    @Test
    void everyQueryWordBelongsToTwoTasksSoExamplesMustTellWhichIsAsked() {
        Map<String, Set<String>> tasksOfWord = new java.util.HashMap<>();
        corpus.tasks().tasks().values().forEach(t -> {
            t.train().forEach(p -> tasksOfWord.computeIfAbsent(p.input(), w -> new HashSet<>()).add(t.name()));
            t.heldOut().forEach(p -> tasksOfWord.computeIfAbsent(p.input(), w -> new HashSet<>()).add(t.name()));
        });
        int ambiguous = 0;
        for (IclItem item : corpus.iclEval()) {
            ambiguous += tasksOfWord.get(item.query()).size() >= 2 ? 1 : 0;
        }
        assertTrue(ambiguous > 0.8 * corpus.iclEval().size(), ambiguous + " of " + corpus.iclEval().size());
    }

    @Test
    void everyTaskHasHeldOutPairsAndNoCopying() {
        for (IclTasks.Task t : corpus.tasks().tasks().values()) {
            assertTrue(t.heldOut().size() >= 2, t.name());
            for (IclTasks.Pair p : t.train()) {
                assertNotEquals(p.input(), p.output(), "a task pair that is mere copying: " + p);
            }
            for (IclTasks.Pair p : t.heldOut()) {
                assertNotEquals(p.input(), p.output(), "a task pair that is mere copying: " + p);
            }
        }
    }

    @Test
    void heldOutRuleTaskAnswersFollowTheSpellingRule() {
        for (IclTasks.Pair p : corpus.tasks().tasks().get("plural").heldOut()) {
            assertEquals(Lexicon.pluralByRule(p.input()), p.output());
        }
        for (IclTasks.Pair p : corpus.tasks().tasks().get("past").heldOut()) {
            assertEquals(Lexicon.pastByRule(p.input()), p.output());
        }
        for (IclTasks.Pair p : corpus.tasks().tasks().get("third").heldOut()) {
            assertEquals(Lexicon.pluralByRule(p.input()), p.output());
        }
    }

    @Test
    void spellingRulesMatchEnglish() {
        assertEquals("boxes", Lexicon.pluralByRule("box"));
        assertEquals("stories", Lexicon.pluralByRule("story"));
        assertEquals("toys", Lexicon.pluralByRule("toy"));
        assertEquals("dogs", Lexicon.pluralByRule("dog"));
        assertEquals("cried", Lexicon.pastByRule("cry"));
        assertEquals("played", Lexicon.pastByRule("play"));
        assertEquals("smiled", Lexicon.pastByRule("smile"));
        assertEquals("an", Lexicon.article("apple"));
    }

    @Test
    void factsStateEveryLookUpPairTheHeldOutQueriesNeed() {
        StoryGenerator g = new StoryGenerator(Lexicon.standard(), ToyLanguage.standard(), new Random(3));
        Set<String> facts = new HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            facts.add(g.fact());
        }
        Map<String, IclTasks.Task> tasks = corpus.tasks().tasks();
        for (IclTasks.Pair p : tasks.get("opposite").heldOut()) {
            assertTrue(facts.contains("the opposite of " + p.input() + " is " + p.output() + " .")
                    || facts.contains(p.input() + " is the opposite of " + p.output() + " ."), p.toString());
        }
        for (IclTasks.Pair p : tasks.get("capital").heldOut()) {
            assertTrue(facts.contains("the capital of " + p.input() + " is " + p.output() + " ."), p.toString());
        }
        for (IclTasks.Pair p : tasks.get("toy").heldOut()) {
            assertTrue(facts.contains("the toy word for " + p.input() + " is " + p.output() + " ."), p.toString());
        }
    }

    @Test
    void promptListsTheFirstKExamplesThenTheQuery() {
        IclItem item = new IclItem("opposite", "tall", "short",
                List.of(List.of("hot", "cold"), List.of("big", "small"), List.of("a", "b"), List.of("c", "d"),
                        List.of("e", "f"), List.of("g", "h"), List.of("i", "j"), List.of("k", "l")), true);
        assertEquals("tall ->", IclTasks.prompt(item, 0));
        assertEquals("hot -> cold\nbig -> small\ntall ->", IclTasks.prompt(item, 2));
    }

    @Test
    void everyPronounInAStoryHasAnEarlierAntecedent() {
        assertPronounsHaveOneEarlierAntecedent(corpus.lmTrain());
    }

    @Test
    void everyPronounInAStoryMadeOfEpisodesHasAnEarlierAntecedent() {
        assertPronounsHaveOneEarlierAntecedent(corpus.episodesTrain());
    }

    /**
     * Only the episode stories: a sentence-by-sentence story checks whole events, and an event
     * of two sentences ("max and she went to the market . they shouted there together .") can
     * repeat its second sentence after another such event.
     */
    @Test
    void noSentenceIsToldTwiceInAStoryMadeOfEpisodes() {
        for (LmDocument d : corpus.episodesTrain()) {
            List<String> sentences = List.of(d.text().split("(?<= \\.) "));
            assertEquals(sentences.size(), new HashSet<>(sentences).size(), d.text());
        }
    }

    private static void assertPronounsHaveOneEarlierAntecedent(List<LmDocument> documents) {
        Lexicon lex = Lexicon.standard();
        Set<String> male = new HashSet<>();
        Set<String> female = new HashSet<>();
        for (Lexicon.Noun n : lex.nouns(Lexicon.Category.PERSON)) {
            (n.pronoun() == Lexicon.Pronoun.HE ? male : female).add(n.singular());
        }
        for (Lexicon.Name n : lex.names()) {
            (n.pronoun() == Lexicon.Pronoun.HE ? male : female).add(n.word());
        }
        int pronouns = 0;
        for (LmDocument d : documents) {
            if (!LmDocument.STORY.equals(d.kind())) {
                continue;
            }
            String[] words = d.text().split(" ");
            boolean seenMale = false;
            boolean seenFemale = false;
            boolean seenThing = false;
            Set<String> maleInStory = new HashSet<>();
            Set<String> femaleInStory = new HashSet<>();
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                if (male.contains(w)) {
                    seenMale = true;
                    maleInStory.add(w);
                }
                if (female.contains(w)) {
                    seenFemale = true;
                    femaleInStory.add(w);
                }
                if (i > 0 && indefinite(words[i - 1]) || i > 1 && indefinite(words[i - 2])) {
                    seenThing = true;
                }
                if (w.equals("he") || w.equals("him") || w.equals("his")) {
                    assertTrue(seenMale, "'" + w + "' without a male antecedent: " + d.text());
                    pronouns++;
                }
                if (w.equals("she") || w.equals("her")) {
                    assertTrue(seenFemale, "'" + w + "' without a female antecedent: " + d.text());
                    pronouns++;
                }
                if (w.equals("it")) {
                    assertTrue(seenThing, "'it' before anything was introduced: " + d.text());
                    pronouns++;
                }
            }
            // One referent per pronoun: otherwise "she" would be ambiguous.
            assertTrue(maleInStory.size() <= 1, d.text());
            assertTrue(femaleInStory.size() <= 1, d.text());
        }
        assertTrue(pronouns > 1000, "stories use pronouns");
    }

    @Test
    void translationAlignmentIsAOneToOneMapThatExplainsEveryTargetWord() {
        ToyLanguage toy = ToyLanguage.standard();
        List<ParallelExample> all = new ArrayList<>(corpus.translateTrain());
        all.addAll(corpus.translateTest());
        for (ParallelExample e : all) {
            assertEquals(e.target().size(), e.alignment().size());
            assertEquals(e.source().size(), e.target().size(), "Toy has one word per English word");
            Set<Integer> used = new HashSet<>();
            for (int t = 0; t < e.target().size(); t++) {
                List<Integer> from = e.alignment().get(t);
                assertEquals(1, from.size());
                int s = from.get(0);
                assertTrue(s >= 0 && s < e.source().size());
                assertTrue(used.add(s), "each source word is translated once");
                assertEquals(toy.translate(e.source().get(s)), e.target().get(t),
                        "target word is the Toy word of its aligned source word");
            }
        }
    }

    @Test
    void translationReordersAdjectivesAndPutsTheVerbLast() {
        ToyLanguage toy = ToyLanguage.standard();
        Set<String> adjectives = new HashSet<>(Lexicon.standard().colours());
        Lexicon.standard().antonyms().forEach(a -> {
            adjectives.add(a.first());
            adjectives.add(a.second());
        });
        int reordered = 0;
        for (ParallelExample e : corpus.translateTrain()) {
            String last = e.target().get(e.target().size() - 1);
            assertTrue(last.endsWith("is"), "the verb is last: " + e.target());
            for (int t = 1; t < e.target().size(); t++) {
                int s = e.alignment().get(t).get(0);
                if (adjectives.contains(e.source().get(s))) {
                    // The noun the adjective describes follows it in English and precedes it in Toy.
                    assertEquals(toy.translate(e.source().get(s + 1)), e.target().get(t - 1));
                    reordered++;
                }
            }
        }
        assertTrue(reordered > 100);
    }

    @Test
    void dateTargetsAreIsoAndEveryContentWordIsAligned() {
        List<ParallelExample> all = new ArrayList<>(corpus.datesTrain());
        all.addAll(corpus.datesTest());
        for (ParallelExample e : all) {
            assertEquals(5, e.target().size());
            java.time.LocalDate.parse(String.join("", e.target())); // throws if not a real ISO date
            Set<Integer> aligned = new HashSet<>();
            for (List<Integer> span : e.alignment()) {
                for (int i = 1; i < span.size(); i++) {
                    assertEquals(span.get(i - 1) + 1, span.get(i), "an aligned span is contiguous");
                }
                for (int s : span) {
                    assertTrue(aligned.add(s), "a source word feeds one target word");
                }
            }
            for (int s = 0; s < e.source().size(); s++) {
                String w = e.source().get(s);
                assertEquals(!w.equals("the") && !w.equals("of"), aligned.contains(s), w + " in " + e.source());
            }
            assertTrue(e.alignment().get(1).isEmpty() && e.alignment().get(3).isEmpty());
        }
    }

    @Test
    void datesAreSpelledAsPeopleSayThem() {
        assertEquals(List.of("the", "third", "of", "march", "twenty", "twenty", "one"),
                DateGenerator.example(2021, 3, 3, false).source());
        assertEquals(List.of("2021", "-", "03", "-", "03"), DateGenerator.example(2021, 3, 3, false).target());
        assertEquals(List.of("nineteen", "eighty", "four"), DateGenerator.yearWords(1984));
        assertEquals(List.of("two", "thousand", "five"), DateGenerator.yearWords(2005));
        assertEquals(List.of("twenty", "thirteen"), DateGenerator.yearWords(2013));
        assertEquals(List.of("nineteen", "fifty"), DateGenerator.yearWords(1950));
        assertEquals(List.of("twenty", "third"), DateGenerator.ordinal(23));
        assertEquals(List.of("thirtieth"), DateGenerator.ordinal(30));
        assertEquals(List.of("twelfth"), DateGenerator.ordinal(12));
    }

    @Test
    void toyWordsAreDistinctAndNeverEnglish() {
        Map<String, String> dict = ToyLanguage.standard().dictionary();
        Set<String> english = Lexicon.standard().allWords();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> e : dict.entrySet()) {
            if (e.getKey().equals("an")) {
                continue; // "a" and "an" are both "na"
            }
            assertTrue(seen.add(e.getValue()), "two English words share the Toy word " + e.getValue());
            assertFalse(english.contains(e.getValue()), "Toy word is an English word: " + e.getValue());
        }
        assertEquals("lo", ToyLanguage.standard().translate("the"));
    }

    /** "a", "an", or "some" (uncountable nouns: "some milk"): a thing is being introduced. */
    private static boolean indefinite(String word) {
        return word.equals("a") || word.equals("an") || word.equals("some");
    }
}
