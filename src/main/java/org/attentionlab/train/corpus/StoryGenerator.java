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
    private static final String[] FEELINGS = {"happy", "sad", "angry", "calm", "scared", "brave", "tired", "proud",
        "hungry", "excited"};
    private static final String[] CONNECTORS = {"then", "later", "after that", "the next day", "that morning",
        "after lunch", "at night", "soon"};
    private static final String[] DAY_WORDS = {"good", "long", "great", "busy", "nice", "strange"};
    private static final String[] SURFACES = {"mat", "table", "bed", "chair", "bench", "desk"};

    /**
     * Everyday errands: at a place, the verb one does there and what it takes ("went to the store
     * to buy some milk", "went to the library to read a book").
     */
    private static final Map<String, List<String>> ERRANDS = Map.ofEntries(
            Map.entry("store", List.of("buy")), Map.entry("shop", List.of("buy", "sell")),
            Map.entry("market", List.of("buy", "sell")), Map.entry("library", List.of("read", "find")),
            Map.entry("kitchen", List.of("cook", "make", "wash")), Map.entry("restaurant", List.of("order", "eat")),
            Map.entry("office", List.of("write", "send")), Map.entry("classroom", List.of("read", "write")),
            Map.entry("school", List.of("read", "write")), Map.entry("farm", List.of("feed", "help")),
            Map.entry("zoo", List.of("see", "watch")), Map.entry("hospital", List.of("bring")));

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
            Map.entry("bridge", List.of("wait", "sit", "jump")), Map.entry("library", List.of("sit", "listen", "dream")),
            Map.entry("store", List.of("shop", "wait", "talk")), Map.entry("office", List.of("work", "talk", "wait")),
            Map.entry("hospital", List.of("wait", "rest", "sleep")), Map.entry("room", List.of("sleep", "study", "rest")),
            Map.entry("church", List.of("pray", "sing", "sit")), Map.entry("restaurant", List.of("talk", "wait", "sit")),
            Map.entry("street", List.of("walk", "run", "talk")), Map.entry("town", List.of("walk", "shop", "stay")),
            Map.entry("bank", List.of("wait", "work", "talk")), Map.entry("zoo", List.of("walk", "laugh", "play")),
            Map.entry("station", List.of("wait", "sit", "hurry")), Map.entry("airport", List.of("wait", "travel", "hurry")),
            Map.entry("classroom", List.of("learn", "study", "listen")));

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

    /**
     * One story of one to ten sentences (a fifth are one or two sentences long), with a varied
     * ending or none: no sentence closes every story, and no sentence occurs twice in a story.
     */
    String story() {
        Referent first = person(null);
        Referent second = random.nextDouble() < 0.75 ? person(first.pronoun == Pronoun.HE ? Pronoun.SHE : Pronoun.HE) : null;
        Referent thing = thing();
        storyPlace = pick(lexicon.nouns(Category.PLACE)).singular();
        List<String> sentences = new ArrayList<>();
        double shape = random.nextDouble();
        int events = shape < 0.1 ? 0 : shape < 0.2 ? 1 : 2 + random.nextInt(8);
        if (events == 0 || random.nextDouble() < 0.8) {
            sentences.add(opening(first));
        }
        int guard = 0;
        while (sentences.size() < events + 1 && guard++ < 50) {
            Referent subject = second != null && random.nextBoolean() ? second : first;
            Referent other = subject == first ? second : first;
            String e = event(subject, other, thing);
            if (sentences.size() > 0 && random.nextDouble() < 0.15) {
                e = pick(CONNECTORS) + " , " + e;
            }
            if (!sentences.contains(e)) {
                sentences.add(e);
            }
        }
        if (events >= 2 && random.nextDouble() < 0.6) {
            String end = ending(first, second, thing);
            if (!sentences.contains(end)) {
                sentences.add(end);
            }
        }
        return String.join(" ", sentences);
    }

    /** A closing sentence, one of many (or none: the caller leaves it out 40% of the time). */
    private String ending(Referent first, Referent second, Referent thing) {
        Referent who = second != null && random.nextBoolean() ? second : first;
        switch (random.nextInt(8)) {
            case 0:
                return mention(who, Role.SUBJECT) + " was very " + pick(FEELINGS) + " .";
            case 1:
                return "then " + mention(who, Role.SUBJECT) + " went home .";
            case 2:
                return "that night , " + mention(who, Role.SUBJECT) + " went to bed early .";
            case 3:
                return mention(who, Role.SUBJECT) + " never forgot " + mention(thing, Role.OBJECT) + " .";
            case 4:
                return second == null ? mention(who, Role.SUBJECT) + " smiled ."
                        : mention(first, Role.SUBJECT) + " and " + mention(second, Role.SUBJECT) + " went home together .";
            case 5:
                return "it was a " + pick(DAY_WORDS) + " day for " + mention(who, Role.OBJECT) + " .";
            case 6:
                return "the next day , " + mention(who, Role.SUBJECT) + " came back to the " + storyPlace + " .";
            default:
                return mention(thing, Role.SUBJECT) + " was " + adjectiveFor(thing) + " .";
        }
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

    /**
     * Every fact sentence the corpus can hold, for the evaluation: {"family", "text", "answer"}
     * where the answer is the sentence's last word (before the full stop).
     */
    static List<Map<String, String>> allFacts(Lexicon lexicon, ToyLanguage toy) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Lexicon.Antonyms a : lexicon.antonyms()) {
            for (String[] xy : new String[][] {{a.first(), a.second()}, {a.second(), a.first()}}) {
                out.add(fact("opposite", "the opposite of " + xy[0] + " is " + xy[1] + " .", xy[1]));
                out.add(fact("opposite", xy[0] + " is the opposite of " + xy[1] + " .", xy[1]));
            }
        }
        for (Lexicon.Country c : lexicon.countries()) {
            out.add(fact("capital", "the capital of " + c.name() + " is " + c.capital() + " .", c.capital()));
            out.add(fact("capital", c.capital() + " is the capital of " + c.name() + " .", c.name()));
        }
        for (String w : IclTasks.toyVocabulary(lexicon)) {
            out.add(fact("toy", "the toy word for " + w + " is " + toy.translate(w) + " .", toy.translate(w)));
        }
        for (String[] f : lexicon.colourFacts()) {
            out.add(fact("colour", f[0] + " is " + f[1] + " .", f[1]));
        }
        for (String[] f : lexicon.animalSounds()) {
            out.add(fact("sound", Lexicon.article(f[0]) + " " + f[0] + " says " + f[1] + " .", f[1]));
            out.add(fact("sound", "the " + f[0] + " said " + f[1] + " .", f[1]));
        }
        return out;
    }

    private static Map<String, String> fact(String family, String text, String answer) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("family", family);
        m.put("text", text);
        m.put("answer", answer);
        return m;
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
        int kind = random.nextInt(o == null ? 14 : 19);
        if (o == null && kind >= 9) {
            kind += 5; // the kinds 9 to 13 need a second person
        }
        switch (kind) {
            case 14:
                return errand(s, t);
            case 15:
                return t.category == Category.ANIMAL
                        ? mention(t, Role.SUBJECT) + " sat on the " + pick(SURFACES) + " ."
                        : mention(s, Role.SUBJECT) + " sat on the " + pick(SURFACES) + " .";
            case 16: {
                Noun drink = pick(lexicon.nouns(Category.DRINK));
                return mention(s, Role.SUBJECT) + " drank some " + drink.singular() + " .";
            }
            case 17:
                if (t.category == Category.READABLE) {
                    return mention(s, Role.SUBJECT) + " read " + mention(t, Role.OBJECT) + " to the class .";
                }
                return mention(s, Role.SUBJECT) + " read a " + pick(lexicon.nouns(Category.READABLE)).singular()
                        + " to the class .";
            case 18:
                return mention(s, Role.SUBJECT) + " put " + mention(t, Role.OBJECT) + " on the "
                        + pick(SURFACES) + " .";
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

    /** "went to the store to buy some milk": the story's thing when it fits the errand, else a new object. */
    private String errand(Referent s, Referent t) {
        List<String> places = new ArrayList<>(ERRANDS.keySet());
        java.util.Collections.sort(places);
        String place = ERRANDS.containsKey(storyPlace) && random.nextDouble() < 0.7 ? storyPlace : pick(places);
        String base = pick(ERRANDS.get(place));
        Verb verb = null;
        for (Verb v : lexicon.verbs()) {
            if (v.base().equals(base)) {
                verb = v;
            }
        }
        String object;
        if (verb.objects().contains(t.category) && random.nextDouble() < 0.5) {
            object = mention(t, Role.OBJECT);
        } else {
            List<Category> cats = new ArrayList<>(verb.objects());
            cats.remove(Category.PERSON); // a new person would make "he" or "she" ambiguous
            if (cats.isEmpty()) {
                cats.add(Category.THING);
            }
            java.util.Collections.sort(cats);
            Noun n = pick(lexicon.nouns(pick(cats)));
            object = n.category() == Category.PERSON ? "the " + n.singular() : lexicon.indefinite(n.singular(), n.singular());
        }
        return mention(s, Role.SUBJECT) + " went to the " + place + " to " + base + " " + object + " .";
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
        Category[] kinds = {Category.ANIMAL, Category.THING, Category.FOOD, Category.READABLE, Category.THING,
            Category.DRINK};
        return introduce(pick(lexicon.nouns(kinds[random.nextInt(kinds.length)])));
    }

    /** A referent whose first mention is "a girl", "an old box" or "a red ball". */
    private Referent introduce(Noun n) {
        String adjective = null;
        double p = random.nextDouble();
        if (p < 0.3 && !lexicon.adjectivesFor(n.category()).isEmpty()) {
            adjective = pick(lexicon.adjectivesFor(n.category()));
        } else if (p < 0.45 && n.category() != Category.PERSON && n.category() != Category.DRINK) {
            adjective = pick(lexicon.colours());
        }
        String phrase = adjective == null ? n.singular() : adjective + " " + n.singular();
        return new Referent(n.singular(), false, n.pronoun(), n.category(), lexicon.indefinite(n.singular(), phrase),
                adjective);
    }

    /** The referent's adjective; one is chosen the first time it is needed and kept. */
    private String adjectiveFor(Referent r) {
        if (r.adjective == null) {
            List<String> adjectives = new ArrayList<>(lexicon.adjectivesFor(r.category));
            if (r.category != Category.PERSON && r.category != Category.DRINK) {
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
            if (n.category() != Category.PLACE && !lexicon.isUncountable(n.singular())) {
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
