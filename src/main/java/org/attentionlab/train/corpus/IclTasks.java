package org.attentionlab.train.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The in-context tasks: blocks of lines {@code x -> y}, one task per block, and the held-out
 * evaluation prompts with 0, 1, 2, 4 and 8 examples.
 *
 * <p>Why these tasks: every query word belongs to two tasks (an adjective has an opposite and a
 * Toy word; a noun a plural and a Toy word; a verb a past and a third-person form; a country a
 * capital and a Toy word), so with no examples the model cannot know which answer is wanted,
 * and the examples in the prompt are what tells it. Accuracy rising with the number of
 * examples is then in-context learning, not memory of a prompt format.
 *
 * <p>Held out: a fifth of each task's pairs never appear in any training block, neither as
 * a query nor as an example. For the rule tasks (plural, past, third) only words that follow
 * the spelling rule are held out; the words themselves occur in the stories. For the look-up tasks (opposite, capital, toy) the model can only know the answer
 * from the fact sentences of the corpus ("the opposite of hot is cold ."), which cover every
 * pair: answering a held-out query in the {@code x -> y} format means carrying that knowledge
 * over to a format it never saw it in. The main in-context measure is the other kind of item:
 * a trained pair asked in a prompt that never occurs in training, where only the examples can
 * tell which of the word's two tasks is meant.
 */
public final class IclTasks {
    /** Separator between the question and the answer on a line. */
    public static final String ARROW = " -> ";
    /** Number of examples in an evaluation item; k-shot prompts take the first k. */
    public static final int MAX_SHOTS = 8;
    /** The shot counts the evaluation reports. */
    public static final int[] SHOTS = {0, 1, 2, 4, 8};

    /** A question and its answer. */
    public record Pair(String input, String output) {
        String line() {
            return input + ARROW + output;
        }
    }

    /**
     * One task's pairs, split into those training blocks may use and those held out;
     * {@code description} is the line a block may start with ("opposites :").
     */
    public record Task(String name, String description, boolean ruleBased, List<Pair> train, List<Pair> heldOut) {
    }

    /** The description line of each task: a block may start with it, so zero-shot is description + query. */
    public static final Map<String, String> DESCRIPTIONS = Map.of("opposite", "opposites :", "plural", "plural :",
            "past", "past tense :", "third", "third person :", "capital", "capital of :", "toy", "in toy :",
            "mapping", "new words :", "swap", "swap :");

    /**
     * The prompt-only tasks: the answer is in the prompt, never in the model's memory. "mapping":
     * a fresh random mapping between words, defined by the block's lines and then asked again
     * ({@code cat -> lamp} ... {@code cat -> lamp}): what an induction head does. "swap": two
     * words in the other order ({@code red ball -> ball red}). Their training blocks use only
     * {@link #promptOnlyTrainWords()}; their evaluation uses only the held-out words.
     */
    public static final String MAPPING = "mapping";
    public static final String SWAP = "swap";

    private final Map<String, Task> tasks;

    IclTasks(Lexicon lexicon, ToyLanguage toy, Random random) {
        Map<String, Task> m = new LinkedHashMap<>();

        List<List<Pair>> opposites = new ArrayList<>();
        for (Lexicon.Antonyms a : lexicon.antonyms()) {
            opposites.add(List.of(new Pair(a.first(), a.second()), new Pair(a.second(), a.first())));
        }
        m.put("opposite", split("opposite", DESCRIPTIONS.get("opposite"), false, opposites, g -> true, random));

        List<List<Pair>> plurals = new ArrayList<>();
        for (Lexicon.Noun n : lexicon.nouns()) {
            if (!n.plural().equals(n.singular()) && n.category() != Lexicon.Category.PLACE) {
                plurals.add(List.of(new Pair(n.singular(), n.plural())));
            }
        }
        m.put("plural", split("plural", DESCRIPTIONS.get("plural"), true, plurals,
                g -> g.get(0).output().equals(Lexicon.pluralByRule(g.get(0).input())), random));

        List<List<Pair>> pasts = new ArrayList<>();
        for (Lexicon.Verb v : lexicon.verbs()) {
            if (!v.past().equals(v.base())) {
                pasts.add(List.of(new Pair(v.base(), v.past())));
            }
        }
        m.put("past", split("past", DESCRIPTIONS.get("past"), true, pasts,
                g -> g.get(0).output().equals(Lexicon.pastByRule(g.get(0).input())), random));

        List<List<Pair>> thirds = new ArrayList<>();
        for (Lexicon.Verb v : lexicon.verbs()) {
            thirds.add(List.of(new Pair(v.base(), v.third())));
        }
        m.put("third", split("third", DESCRIPTIONS.get("third"), true, thirds,
                g -> g.get(0).output().equals(Lexicon.pluralByRule(g.get(0).input())), random));

        List<List<Pair>> capitals = new ArrayList<>();
        for (Lexicon.Country c : lexicon.countries()) {
            capitals.add(List.of(new Pair(c.name(), c.capital())));
        }
        m.put("capital", split("capital", DESCRIPTIONS.get("capital"), false, capitals, g -> true, random));

        List<List<Pair>> toyWords = new ArrayList<>();
        for (String w : toyVocabulary(lexicon)) {
            toyWords.add(List.of(new Pair(w, toy.translate(w))));
        }
        m.put("toy", split("toy", DESCRIPTIONS.get("toy"), false, toyWords, g -> true, random));
        this.tasks = Collections.unmodifiableMap(m);

        // Prompt-only tasks: a fifth of the words never occur in their training blocks.
        List<String> pool = new ArrayList<>(new java.util.LinkedHashSet<>(promptOnlyVocabulary(lexicon)));
        Collections.shuffle(pool, random);
        int held = pool.size() / 5;
        this.promptOnlyHeldOut = List.copyOf(pool.subList(0, held));
        this.promptOnlyTrain = List.copyOf(pool.subList(held, pool.size()));
    }

    private final List<String> promptOnlyTrain;
    private final List<String> promptOnlyHeldOut;

    /** Everyday single words for the prompt-only tasks: nouns, adjectives, colours, verbs. */
    static List<String> promptOnlyVocabulary(Lexicon lexicon) {
        List<String> words = new ArrayList<>();
        for (Lexicon.Noun n : lexicon.nouns()) {
            words.add(n.singular());
        }
        for (Lexicon.Antonyms a : lexicon.antonyms()) {
            words.add(a.first());
            words.add(a.second());
        }
        words.addAll(lexicon.colours());
        for (Lexicon.Verb v : lexicon.verbs()) {
            words.add(v.base());
        }
        return words;
    }

    /** Words the prompt-only training blocks use. */
    public List<String> promptOnlyTrainWords() {
        return promptOnlyTrain;
    }

    /** Words the prompt-only tasks are evaluated on: never in one of their training blocks. */
    public List<String> promptOnlyHeldOutWords() {
        return promptOnlyHeldOut;
    }

    /** A fresh mapping between distinct words of {@code pool}: n pairs, no word twice. */
    static List<Pair> freshMapping(List<String> pool, int n, Random random) {
        List<String> words = new ArrayList<>(pool);
        Collections.shuffle(words, random);
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Pair(words.get(2 * i), words.get(2 * i + 1)));
        }
        return out;
    }

    static Pair swapPair(List<String> pool, Random random) {
        String a = pool.get(random.nextInt(pool.size()));
        String b = pool.get(random.nextInt(pool.size()));
        while (b.equals(a)) {
            b = pool.get(random.nextInt(pool.size()));
        }
        return new Pair(a + " " + b, b + " " + a);
    }

    /**
     * A prompt-only training block: a mapping block lists 2 to 6 fresh pairs, then asks some of
     * them again (3 to 12 lines in all); a swap block has 1 to 8 lines. Half start with the
     * description line.
     */
    LmDocument promptOnlyBlock(Random random) {
        List<String> out = new ArrayList<>();
        boolean mapping = random.nextBoolean();
        String name = mapping ? MAPPING : SWAP;
        if (random.nextBoolean()) {
            out.add(DESCRIPTIONS.get(name));
        }
        if (mapping) {
            List<Pair> pairs = freshMapping(promptOnlyTrain, 2 + random.nextInt(5), random);
            int lines = Math.max(pairs.size() + 1, 3 + random.nextInt(10));
            for (Pair p : pairs) {
                out.add(p.line());
            }
            for (int i = pairs.size(); i < lines; i++) {
                out.add(pairs.get(random.nextInt(pairs.size())).line());
            }
            // The first lines define; shuffling all but keeping each pair's first use early would
            // be nicer, but a plain order already asks every repeated key from further back.
        } else {
            int lines = 1 + random.nextInt(8);
            for (int i = 0; i < lines; i++) {
                out.add(swapPair(promptOnlyTrain, random).line());
            }
        }
        return new LmDocument(LmDocument.TASK, name, String.join("\n", out));
    }

    /**
     * Prompt-only evaluation items, on held-out words only. Mapping: the query's defining pair is
     * the first example and the others are further pairs of the same fresh mapping, so with k
     * examples the answer stands k lines back; with none it cannot be known. Swap: examples and
     * query are fresh swaps.
     */
    List<IclItem> promptOnlyItems(int perTask, Random random) {
        List<IclItem> items = new ArrayList<>();
        for (int i = 0; i < perTask; i++) {
            List<Pair> mapping = freshMapping(promptOnlyHeldOut, MAX_SHOTS, random);
            List<List<String>> ex = new ArrayList<>();
            mapping.forEach(p -> ex.add(List.of(p.input(), p.output())));
            items.add(new IclItem(MAPPING, mapping.get(0).input(), mapping.get(0).output(), ex, true));
        }
        for (int i = 0; i < perTask; i++) {
            Pair query = swapPair(promptOnlyHeldOut, random);
            List<List<String>> ex = new ArrayList<>();
            for (int k = 0; k < MAX_SHOTS; k++) {
                Pair p = swapPair(promptOnlyHeldOut, random);
                ex.add(List.of(p.input(), p.output()));
            }
            items.add(new IclItem(SWAP, query.input(), query.output(), ex, true));
        }
        return items;
    }

    /** The English words the toy task asks about: nouns (not places or people), adjectives, colours, countries. */
    static List<String> toyVocabulary(Lexicon lexicon) {
        List<String> words = new ArrayList<>();
        for (Lexicon.Noun n : lexicon.nouns()) {
            if (n.category() != Lexicon.Category.PLACE && n.category() != Lexicon.Category.PERSON) {
                words.add(n.singular());
            }
        }
        for (Lexicon.Antonyms a : lexicon.antonyms()) {
            words.add(a.first());
            words.add(a.second());
        }
        words.addAll(lexicon.colours());
        lexicon.countries().forEach(c -> words.add(c.name()));
        return words;
    }

    private interface GroupFilter {
        boolean mayHoldOut(List<Pair> group);
    }

    /** Holds out a fifth of the groups (a group is a pair, or both directions of an antonym pair). */
    private static Task split(String name, String description, boolean ruleBased, List<List<Pair>> groups,
            GroupFilter eligible, Random random) {
        List<List<Pair>> candidates = new ArrayList<>();
        for (List<Pair> g : groups) {
            if (eligible.mayHoldOut(g)) {
                candidates.add(g);
            }
        }
        Collections.shuffle(candidates, random);
        int holdCount = Math.max(2, groups.size() / 5);
        Set<List<Pair>> held = new HashSet<>(candidates.subList(0, Math.min(holdCount, candidates.size())));
        List<Pair> train = new ArrayList<>();
        List<Pair> heldOut = new ArrayList<>();
        for (List<Pair> g : groups) {
            (held.contains(g) ? heldOut : train).addAll(g);
        }
        return new Task(name, description, ruleBased, List.copyOf(train), List.copyOf(heldOut));
    }

    /** The tasks by name, in a fixed order. */
    public Map<String, Task> tasks() {
        return tasks;
    }

    /** A training block: one task, 1 to 12 lines of its training pairs, newline-separated. */
    LmDocument trainingBlock(Random random) {
        List<Task> all = new ArrayList<>(tasks.values());
        Task t = all.get(random.nextInt(all.size()));
        int lines = 1 + random.nextInt(12);
        List<Pair> pairs = new ArrayList<>(t.train());
        Collections.shuffle(pairs, random);
        List<String> out = new ArrayList<>();
        if (random.nextBoolean()) {
            out.add(t.description());
        }
        for (int i = 0; i < Math.min(lines, pairs.size()); i++) {
            out.add(pairs.get(i).line());
        }
        return new LmDocument(LmDocument.TASK, t.name(), String.join("\n", out));
    }

    /**
     * Evaluation items: for every held-out pair {@code repeats} items with different examples;
     * for comparison the same number of items whose query is a training pair (not among its
     * own examples).
     */
    List<IclItem> evaluationItems(int repeats, int seenPerTask, Random random) {
        List<IclItem> items = new ArrayList<>();
        for (Task t : tasks.values()) {
            for (Pair query : t.heldOut()) {
                for (int r = 0; r < repeats; r++) {
                    items.add(new IclItem(t.name(), query.input(), query.output(), examples(t, query, random), true));
                }
            }
            List<Pair> seen = new ArrayList<>(t.train());
            Collections.shuffle(seen, random);
            for (int i = 0; i < Math.min(seenPerTask, seen.size()); i++) {
                Pair query = seen.get(i);
                items.add(new IclItem(t.name(), query.input(), query.output(), examples(t, query, random), false));
            }
        }
        return items;
    }

    private static List<List<String>> examples(Task t, Pair query, Random random) {
        List<Pair> pool = new ArrayList<>();
        for (Pair p : t.train()) {
            if (!p.input().equals(query.input()) && !p.input().equals(query.output())) {
                pool.add(p);
            }
        }
        Collections.shuffle(pool, random);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < MAX_SHOTS; i++) {
            out.add(List.of(pool.get(i).input(), pool.get(i).output()));
        }
        return out;
    }

    /** The prompt a k-shot evaluation feeds the model: k example lines, then the query and the arrow. */
    public static String prompt(IclItem item, int shots) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shots; i++) {
            b.append(item.examples().get(i).get(0)).append(ARROW).append(item.examples().get(i).get(1)).append('\n');
        }
        return b.append(item.query()).append(ARROW.stripTrailing()).toString();
    }
}
