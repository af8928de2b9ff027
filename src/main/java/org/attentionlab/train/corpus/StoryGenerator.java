package org.attentionlab.train.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attentionlab.train.corpus.Lexicon.Category;
import org.attentionlab.train.corpus.Lexicon.Noun;
import org.attentionlab.train.corpus.Lexicon.Pronoun;
import org.attentionlab.train.corpus.Lexicon.Verb;

/**
 * Short English stories from a small grammar, and one-line facts.
 *
 * <p>A story has at most one referent per pronoun (one "he", one "she", one "it"), so every
 * pronoun has exactly one possible antecedent: a model that predicts "she" for a masked
 * pronoun must have looked back at the girl, which is what a coreference head shows. After
 * its first mention a referent comes back as a pronoun or as "the NOUN".
 *
 * <p>Text is lower case with punctuation as separate words ("she found it ."), so that word
 * boundaries are plain spaces for every tokenizer.
 */
final class StoryGenerator {
    private static final String[] NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine"};
    private static final String[] FEELINGS = {"happy", "sad", "angry", "calm", "scared", "brave"};

    /**
     * What people mostly do at each place ("swim" at the lake, "climb" on the hill), so that a
     * masked activity can be guessed from its place and back; other verbs still occur.
     */
    private static final Map<String, List<String>> ACTIVITIES = Map.ofEntries(
            Map.entry("garden", List.of("play", "sit", "dance")), Map.entry("house", List.of("sleep", "rest", "sing")),
            Map.entry("park", List.of("play", "run", "jump")), Map.entry("forest", List.of("walk", "hurry", "listen")),
            Map.entry("river", List.of("swim", "sit", "wait")), Map.entry("school", List.of("work", "listen", "sing")),
            Map.entry("kitchen", List.of("work", "wait", "sing")), Map.entry("market", List.of("walk", "shout", "wait")),
            Map.entry("village", List.of("walk", "dance", "stay")), Map.entry("field", List.of("run", "hop", "play")),
            Map.entry("farm", List.of("work", "stay", "rest")), Map.entry("beach", List.of("swim", "play", "rest")),
            Map.entry("hill", List.of("climb", "run", "rest")), Map.entry("castle", List.of("dance", "sing", "stay")),
            Map.entry("shop", List.of("wait", "work", "stay")), Map.entry("lake", List.of("swim", "sit", "dream")),
            Map.entry("city", List.of("walk", "hurry", "stay")), Map.entry("road", List.of("walk", "run", "hurry")),
            Map.entry("bridge", List.of("wait", "sit", "jump")), Map.entry("library", List.of("sit", "listen", "dream")));

    private final Lexicon lexicon;
    private final ToyLanguage toy;
    private final Random random;
    /** The story's main place: most events happen there, so "in the [MASK]" can be read back from the story. */
    private String storyPlace;

    StoryGenerator(Lexicon lexicon, ToyLanguage toy, Random random) {
        this.lexicon = lexicon;
        this.toy = toy;
        this.random = random;
    }

    /** Someone or something a story keeps referring to. */
    private static final class Referent {
        final String word;
        final boolean isName;
        final Pronoun pronoun;
        final Category category;
        final String introduction;
        /** The adjective the story gave it, kept so later sentences agree ("a red ball ... it was red"). */
        String adjective;
        boolean mentioned;

        Referent(String word, boolean isName, Pronoun pronoun, Category category, String introduction,
                String adjective) {
            this.word = word;
            this.isName = isName;
            this.pronoun = pronoun;
            this.category = category;
            this.introduction = introduction;
            this.adjective = adjective;
        }
    }

    private enum Role { SUBJECT, OBJECT }

    /** One story of four to eight sentences. */
    String story() {
        Referent first = person(null);
        Referent second = random.nextDouble() < 0.75 ? person(first.pronoun == Pronoun.HE ? Pronoun.SHE : Pronoun.HE) : null;
        Referent thing = thing();
        storyPlace = pick(lexicon.nouns(Category.PLACE)).singular();
        List<String> sentences = new ArrayList<>();
        sentences.add(opening(first));
        int events = 3 + random.nextInt(5);
        for (int i = 0; i < events; i++) {
            Referent subject = second != null && random.nextBoolean() ? second : first;
            Referent other = subject == first ? second : first;
            sentences.add(event(subject, other, thing));
        }
        Referent last = second != null && random.nextBoolean() ? second : first;
        String feeling = random.nextDouble() < 0.6 ? "happy" : pick(FEELINGS);
        sentences.add(mention(last, Role.SUBJECT) + " was very " + feeling + " .");
        return String.join(" ", sentences);
    }

    /** One fact sentence: an opposite, a capital, a Toy word, a colour or an animal's sound. */
    String fact() {
        int kind = random.nextInt(5);
        switch (kind) {
            case 0: {
                Lexicon.Antonyms a = pick(lexicon.antonyms());
                boolean flip = random.nextBoolean();
                String x = flip ? a.second() : a.first();
                String y = flip ? a.first() : a.second();
                return random.nextBoolean() ? "the opposite of " + x + " is " + y + " ."
                        : x + " is the opposite of " + y + " .";
            }
            case 1: {
                Lexicon.Country c = pick(lexicon.countries());
                return random.nextBoolean() ? "the capital of " + c.name() + " is " + c.capital() + " ."
                        : c.capital() + " is the capital of " + c.name() + " .";
            }
            case 2: {
                String w = pick(IclTasks.toyVocabulary(lexicon));
                return "the toy word for " + w + " is " + toy.translate(w) + " .";
            }
            case 3: {
                String[] f = pick(lexicon.colourFacts());
                return f[0] + " is " + f[1] + " .";
            }
            default: {
                String[] s = pick(lexicon.animalSounds());
                return random.nextBoolean() ? Lexicon.article(s[0]) + " " + s[0] + " says " + s[1] + " ."
                        : "the " + s[0] + " said " + s[1] + " .";
            }
        }
    }

    private String opening(Referent p) {
        switch (random.nextInt(3)) {
            case 0:
                return "once upon a time there was " + mention(p, Role.OBJECT) + " .";
            case 1: {
                Noun home = pick(lexicon.nouns(Category.PLACE));
                return mention(p, Role.SUBJECT) + " lived in " + Lexicon.article(home.singular()) + " "
                        + home.singular() + " near the " + storyPlace + " .";
            }
            default:
                return "one day , " + mention(p, Role.SUBJECT) + " went to the " + storyPlace + " .";
        }
    }

    private String event(Referent s, Referent o, Referent t) {
        String place = random.nextDouble() < 0.75 ? storyPlace : pick(lexicon.nouns(Category.PLACE)).singular();
        int kind = random.nextInt(o == null ? 9 : 14);
        switch (kind) {
            case 0:
                return mention(s, Role.SUBJECT) + " found " + mention(t, Role.OBJECT) + " in the " + place + " .";
            case 1: {
                Verb v = verbFor(t.category);
                if (v == null) {
                    return mention(s, Role.SUBJECT) + " looked at " + mention(t, Role.OBJECT) + " .";
                }
                return mention(s, Role.SUBJECT) + " " + v.past() + " " + mention(t, Role.OBJECT) + " .";
            }
            case 2:
                return mention(s, Role.SUBJECT) + " wanted to " + activity(place).base()
                        + " in the " + place + " .";
            case 3: {
                Noun many = pick(manyable());
                return mention(s, Role.SUBJECT) + " saw " + pick(NUMBERS) + " " + many.plural() + " near the "
                        + place + " .";
            }
            case 4:
                return mention(t, Role.SUBJECT) + " was very " + adjectiveFor(t) + " .";
            case 5:
                if (t.category == Category.ANIMAL) {
                    return mention(s, Role.SUBJECT) + " gave " + mention(t, Role.OBJECT) + " some water .";
                }
                return mention(s, Role.SUBJECT) + " put " + mention(t, Role.OBJECT) + " in " + s.pronoun.possessive
                        + " bag .";
            case 6:
                return mention(s, Role.SUBJECT) + " " + activity(place).past() + " in the "
                        + place + " .";
            case 7: {
                // The pronoun inside the sentence must point back to its object: "because it was red".
                String object = mention(t, Role.OBJECT);
                return mention(s, Role.SUBJECT) + " liked " + object + " because " + t.pronoun.subject + " was "
                        + adjectiveFor(t) + " .";
            }
            case 8:
                return "every day , " + mention(s, Role.SUBJECT) + " " + activity(place).third()
                        + " in the " + place + " .";
            case 9:
                return mention(s, Role.SUBJECT) + " gave " + mention(t, Role.OBJECT) + " to " + mention(o, Role.OBJECT)
                        + " .";
            case 10:
                return mention(o, Role.SUBJECT) + " was happy and thanked "
                        + mention(s, Role.OBJECT) + " .";
            case 11:
                return mention(s, Role.SUBJECT) + " and " + mention(o, Role.SUBJECT) + " went to the " + place
                        + " . they " + activity(place).past() + " there together .";
            case 12:
                return mention(s, Role.SUBJECT) + " told " + mention(o, Role.OBJECT) + " about "
                        + mention(t, Role.OBJECT) + " .";
            default: {
                String who = mention(s, Role.SUBJECT);
                return "when " + who + " saw " + mention(o, Role.OBJECT) + " , " + s.pronoun.subject + " smiled .";
            }
        }
    }

    /** First mention introduces; later mentions are a pronoun or the definite noun (or the name). */
    private String mention(Referent r, Role role) {
        if (!r.mentioned) {
            r.mentioned = true;
            return r.introduction;
        }
        if (random.nextDouble() < 0.55) {
            return role == Role.SUBJECT ? r.pronoun.subject : r.pronoun.object;
        }
        return r.isName ? r.word : "the " + r.word;
    }

    /** An intransitive verb for a place: usually one of the place's activities. */
    private Verb activity(String place) {
        List<String> usual = ACTIVITIES.get(place);
        if (usual != null && random.nextDouble() < 0.8) {
            String base = usual.get(random.nextInt(usual.size()));
            for (Verb v : lexicon.intransitiveVerbs()) {
                if (v.base().equals(base)) {
                    return v;
                }
            }
            throw new IllegalStateException("No intransitive verb '" + base + "' in the lexicon.");
        }
        return pick(lexicon.intransitiveVerbs());
    }

    private Referent person(Pronoun required) {
        if (random.nextDouble() < 0.4) {
            List<Lexicon.Name> names = new ArrayList<>();
            for (Lexicon.Name n : lexicon.names()) {
                if (required == null || n.pronoun() == required) {
                    names.add(n);
                }
            }
            Lexicon.Name n = pick(names);
            return new Referent(n.word(), true, n.pronoun(), Category.PERSON, n.word(), null);
        }
        List<Noun> people = new ArrayList<>();
        for (Noun n : lexicon.nouns(Category.PERSON)) {
            if (required == null || n.pronoun() == required) {
                people.add(n);
            }
        }
        return introduce(pick(people));
    }

    private Referent thing() {
        Category[] kinds = {Category.ANIMAL, Category.THING, Category.FOOD, Category.READABLE};
        return introduce(pick(lexicon.nouns(kinds[random.nextInt(kinds.length)])));
    }

    /** A referent whose first mention is "a girl", "an old box" or "a red ball". */
    private Referent introduce(Noun n) {
        String adjective = null;
        double p = random.nextDouble();
        if (p < 0.3 && !lexicon.adjectivesFor(n.category()).isEmpty()) {
            adjective = pick(lexicon.adjectivesFor(n.category()));
        } else if (p < 0.45 && n.category() != Category.PERSON) {
            adjective = pick(lexicon.colours());
        }
        String phrase = adjective == null ? n.singular() : adjective + " " + n.singular();
        return new Referent(n.singular(), false, n.pronoun(), n.category(), Lexicon.article(phrase) + " " + phrase,
                adjective);
    }

    /** The referent's adjective; one is chosen the first time it is needed and kept. */
    private String adjectiveFor(Referent r) {
        if (r.adjective == null) {
            List<String> adjectives = new ArrayList<>(lexicon.adjectivesFor(r.category));
            if (r.category != Category.PERSON) {
                adjectives.addAll(lexicon.colours());
            }
            r.adjective = pick(adjectives);
        }
        return r.adjective;
    }

    private Verb verbFor(Category objectCategory) {
        List<Verb> fitting = new ArrayList<>();
        for (Verb v : lexicon.transitiveVerbs()) {
            if (v.objects().contains(objectCategory)) {
                fitting.add(v);
            }
        }
        return fitting.isEmpty() ? null : pick(fitting);
    }

    private List<Noun> manyable() {
        List<Noun> out = new ArrayList<>();
        for (Noun n : lexicon.nouns()) {
            if (n.category() != Category.PLACE) {
                out.add(n);
            }
        }
        return out;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private String pick(String[] items) {
        return items[random.nextInt(items.length)];
    }
}
