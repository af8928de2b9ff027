package org.attentionlab.train.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionlab.train.corpus.Lexicon.Category;
import org.attentionlab.train.corpus.Lexicon.Noun;
import org.attentionlab.train.corpus.Lexicon.Verb;

/**
 * English to Toy sentence pairs with their word alignment.
 *
 * <p>English: {@code NP verb [NP] [prep NP]}, with {@code NP = det [adj] noun}. Toy reorders
 * three ways at once, so the attention map of a good model is visibly not a diagonal:
 * the adjective follows its noun, the preposition follows its noun phrase, and the verb goes to
 * the end. Every Toy word translates exactly one English word, so the alignment is one to one.
 *
 * <pre>
 *   the big dog chased the cat in the garden
 *   lo nino nala lo zaso lo baso en zodis
 * </pre>
 */
final class TranslationGenerator {
    private static final String[] PLACE_PREPOSITIONS = {"in", "near", "behind", "at", "across"};
    private static final String[] THING_PREPOSITIONS = {"on", "under", "over", "beside", "with"};

    private final Lexicon lexicon;
    private final ToyLanguage toy;
    private final Random random;

    TranslationGenerator(Lexicon lexicon, ToyLanguage toy, Random random) {
        this.lexicon = lexicon;
        this.toy = toy;
        this.random = random;
    }

    /** A noun phrase: English words, and Toy words each with the index of its English word. */
    private static final class Phrase {
        final List<String> english = new ArrayList<>();
        final List<String> toy = new ArrayList<>();
        final List<Integer> toyFrom = new ArrayList<>();
    }

    /** Shortest and longest English sentence, in words. */
    static final int MIN_WORDS = 2;
    static final int MAX_WORDS = 20;
    private static final String[] PRONOUN_SUBJECTS = {"he", "she", "they"};

    /** A sentence of a length drawn uniformly from 2 to 20 words, so every length is equally common. */
    ParallelExample next() {
        int want = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        ParallelExample e = sentence(want);
        for (int i = 0; i < 400 && e.source().size() != want; i++) {
            e = sentence(want);
        }
        return e;
    }

    /** One sentence: {@code subject verb [object] [prep NP]*}; its shape is sized towards {@code want} words. */
    private ParallelExample sentence(int want) {
        List<Noun> subjects = new ArrayList<>(lexicon.nouns(Category.PERSON));
        subjects.addAll(lexicon.nouns(Category.ANIMAL));
        boolean pronoun = want <= 4 ? random.nextDouble() < 0.5 : random.nextDouble() < 0.1;
        Phrase subject;
        if (pronoun) {
            subject = new Phrase();
            String w = pick(PRONOUN_SUBJECTS);
            subject.english.add(w);
            subject.toy.add(toy.translate(w));
            subject.toyFrom.add(0);
        } else {
            subject = nounPhrase(pick(subjects), want > 3 ? 0.5 : 0.0);
        }
        boolean transitive = want > 3 && random.nextDouble() < 0.6;
        Verb verb;
        Phrase object = null;
        if (transitive) {
            verb = pick(lexicon.transitiveVerbs());
            Category c = pickCategory(verb);
            object = nounPhrase(pick(lexicon.nouns(c)), 0.5);
        } else {
            verb = pick(lexicon.intransitiveVerbs());
        }
        int used = subject.english.size() + 1 + (object == null ? 0 : object.english.size());
        List<String> prepositions = new ArrayList<>();
        List<Phrase> adjuncts = new ArrayList<>();
        while (used + 3 <= want && adjuncts.size() < 4) {
            String preposition;
            Phrase adjunct;
            if (random.nextDouble() < 0.6) {
                preposition = pick(PLACE_PREPOSITIONS);
                adjunct = nounPhrase(pick(lexicon.nouns(Category.PLACE)), want - used >= 4 ? 0.5 : 0.0);
            } else {
                preposition = pick(THING_PREPOSITIONS);
                adjunct = nounPhrase(pick(lexicon.nouns(Category.THING)), want - used >= 4 ? 0.5 : 0.0);
            }
            prepositions.add(preposition);
            adjuncts.add(adjunct);
            used += 1 + adjunct.english.size();
        }

        // English order: subject verb object (preposition adjunct)*.
        List<String> source = new ArrayList<>();
        int subjectStart = append(source, subject);
        int verbAt = source.size();
        source.add(verb.past());
        int objectStart = object == null ? -1 : append(source, object);
        List<Integer> prepositionAt = new ArrayList<>();
        List<Integer> adjunctStart = new ArrayList<>();
        for (int i = 0; i < adjuncts.size(); i++) {
            prepositionAt.add(source.size());
            source.add(prepositions.get(i));
            adjunctStart.add(append(source, adjuncts.get(i)));
        }

        // Toy order: subject object (adjunct postposition)* verb.
        List<String> target = new ArrayList<>();
        List<List<Integer>> alignment = new ArrayList<>();
        appendToy(target, alignment, subject, subjectStart);
        if (object != null) {
            appendToy(target, alignment, object, objectStart);
        }
        for (int i = 0; i < adjuncts.size(); i++) {
            appendToy(target, alignment, adjuncts.get(i), adjunctStart.get(i));
            target.add(toy.translate(prepositions.get(i)));
            alignment.add(List.of(prepositionAt.get(i)));
        }
        target.add(toy.translate(verb.past()));
        alignment.add(List.of(verbAt));
        return new ParallelExample(List.copyOf(source), List.copyOf(target), List.copyOf(alignment));
    }

    private Phrase nounPhrase(Noun noun, double adjectiveChance) {
        Phrase p = new Phrase();
        String adjective = null;
        if (random.nextDouble() < adjectiveChance) {
            List<String> options = new ArrayList<>(lexicon.adjectivesFor(noun.category()));
            if (noun.category() != Category.PERSON && noun.category() != Category.DRINK) {
                options.addAll(lexicon.colours());
            }
            if (!options.isEmpty()) {
                adjective = pick(options);
            }
        }
        String first = adjective != null ? adjective : noun.singular();
        String determiner = random.nextBoolean() || lexicon.isUncountable(noun.singular()) ? "the" : Lexicon.article(first);
        p.english.add(determiner);
        if (adjective != null) {
            p.english.add(adjective);
        }
        p.english.add(noun.singular());
        // Toy: determiner noun adjective.
        p.toy.add(toy.translate(determiner));
        p.toyFrom.add(0);
        p.toy.add(toy.translate(noun.singular()));
        p.toyFrom.add(p.english.size() - 1);
        if (adjective != null) {
            p.toy.add(toy.translate(adjective));
            p.toyFrom.add(1);
        }
        return p;
    }

    private static int append(List<String> source, Phrase p) {
        int start = source.size();
        source.addAll(p.english);
        return start;
    }

    private static void appendToy(List<String> target, List<List<Integer>> alignment, Phrase p, int start) {
        for (int i = 0; i < p.toy.size(); i++) {
            target.add(p.toy.get(i));
            alignment.add(List.of(start + p.toyFrom.get(i)));
        }
    }

    private Category pickCategory(Verb verb) {
        List<Category> options = new ArrayList<>();
        for (Category c : verb.objects()) {
            if (!lexicon.nouns(c).isEmpty()) {
                options.add(c);
            }
        }
        return pick(options);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private String pick(String[] items) {
        return items[random.nextInt(items.length)];
    }
}
