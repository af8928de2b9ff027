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
 * The made-up target language of the translation task ("Toy"): its own word for every English
 * noun, adjective and past-tense verb, and a grammar that reorders: the adjective follows its
 * noun, the verb comes last (subject object verb), and prepositions become postpositions.
 *
 * <p>Word classes show in the endings, so a student can read a translation: nouns end in
 * {@code -o}, adjectives in {@code -a}, past-tense verbs in {@code -is}. The words are drawn
 * once from a fixed seed that does not depend on the corpus seed, so the language is the same
 * in every build and lesson texts can quote it.
 */
public final class ToyLanguage {
    /** Fixed, independent of the corpus seed: the language must not change between builds. */
    private static final long LEXICON_SEED = 20240601L;
    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    private static final Map<String, String> FUNCTION_WORDS = Map.of(
            "the", "lo", "a", "na", "an", "na",
            "in", "en", "on", "sur", "under", "sub", "near", "ap", "behind", "pos", "with", "kun");

    /** Subject pronouns (for the shortest sentences, "she ran") and more prepositions; fixed like the function words. */
    private static final Map<String, String> PRONOUNS = new LinkedHashMap<>(Map.of());

    static {
        PRONOUNS.put("he", "hu");
        PRONOUNS.put("she", "shi");
        PRONOUNS.put("they", "tey");
        PRONOUNS.put("at", "ad");
        PRONOUNS.put("over", "ub");
        PRONOUNS.put("beside", "ko");
        PRONOUNS.put("across", "tra");
    }

    private final Map<String, String> englishToToy;
    private static final ToyLanguage STANDARD = new ToyLanguage(Lexicon.standard());

    private ToyLanguage(Lexicon lexicon) {
        Random random = new Random(LEXICON_SEED);
        List<String> stems = new ArrayList<>();
        for (char c1 : CONSONANTS.toCharArray()) {
            for (char v : VOWELS.toCharArray()) {
                for (char c2 : CONSONANTS.toCharArray()) {
                    stems.add("" + c1 + v + c2);
                }
            }
        }
        Collections.shuffle(stems, random);
        Set<String> english = lexicon.allWords();
        Set<String> used = new HashSet<>(FUNCTION_WORDS.values());
        // Map.of iterates in an order that changes from one JVM run to the next: sorted, so that the
        // dictionary (and toy-dictionary.json) comes out the same every time.
        Map<String, String> map = new LinkedHashMap<>(new java.util.TreeMap<>(FUNCTION_WORDS));
        int[] next = {0};
        for (Lexicon.Noun n : lexicon.nouns()) {
            if (!lexicon.isSecondGeneration(n.singular())) {
                define(map, n.singular(), fresh(stems, next, "o", english, used));
            }
        }
        for (Lexicon.Antonyms a : lexicon.antonyms()) {
            define(map, a.first(), fresh(stems, next, "a", english, used));
            define(map, a.second(), fresh(stems, next, "a", english, used));
        }
        for (String c : lexicon.colours()) {
            define(map, c, fresh(stems, next, "a", english, used));
        }
        for (Lexicon.Verb v : lexicon.verbs()) {
            // "read" is its own past: one English form, one Toy word.
            if (!lexicon.isSecondGeneration(v.past())) {
                map.putIfAbsent(v.past(), fresh(stems, next, "is", english, used));
            }
        }
        // Countries come last so that adding them left every earlier word unchanged.
        for (Lexicon.Country c : lexicon.countries()) {
            define(map, c.name(), fresh(stems, next, "o", english, used));
        }
        // The second generation (everyday scenes) comes after the countries, for the same reason.
        for (Lexicon.Noun n : lexicon.nouns()) {
            if (lexicon.isSecondGeneration(n.singular())) {
                define(map, n.singular(), fresh(stems, next, "o", english, used));
            }
        }
        for (Lexicon.Verb v : lexicon.verbs()) {
            if (lexicon.isSecondGeneration(v.past())) {
                map.putIfAbsent(v.past(), fresh(stems, next, "is", english, used));
            }
        }
        for (Map.Entry<String, String> e : PRONOUNS.entrySet()) {
            define(map, e.getKey(), e.getValue());
        }
        this.englishToToy = Collections.unmodifiableMap(map);
    }

    /** One English word, one Toy word: a word in two classes would make the alignment ambiguous. */
    private static void define(Map<String, String> map, String english, String toyWord) {
        if (map.putIfAbsent(english, toyWord) != null) {
            throw new IllegalStateException("The English word '" + english + "' is in two word classes.");
        }
    }

    private static String fresh(List<String> stems, int[] next, String ending, Set<String> english, Set<String> used) {
        while (true) {
            String w = stems.get(next[0]++) + ending;
            if (!english.contains(w) && used.add(w)) {
                return w;
            }
        }
    }

    /** The one Toy language of the project. */
    public static ToyLanguage standard() {
        return STANDARD;
    }

    /** The Toy word for an English word, or null when Toy has none. */
    public String translate(String englishWord) {
        return englishToToy.get(englishWord);
    }

    /** True when Toy has a word for this English word. */
    public boolean knows(String englishWord) {
        return englishToToy.containsKey(englishWord);
    }

    /** English word to Toy word, in a fixed order (function words first). */
    public Map<String, String> dictionary() {
        return englishToToy;
    }
}
