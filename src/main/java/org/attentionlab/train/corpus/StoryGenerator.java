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
 * Short English stories from a small grammar, and one-line facts. Two kinds of story:
 * {@link #story()} draws its sentences one by one (every model's corpus), and
 * {@link #episodeStory()} tells short episodes whose sentences follow from each other (tiny-bert's
 * next-sentence pairs only).
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
     * ending or none: no sentence closes every story, and no event is told twice in a story (the
     * second sentence of a two-sentence event, "they sang there together .", can come back after a
     * like event: 194 of the 43,617 training stories have a sentence twice).
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
            String end = ending(first, second, thing, false);
            if (!sentences.contains(end)) {
                sentences.add(end);
            }
        }
        return String.join(" ", sentences);
    }

    /** The kinds of episode a story is made of; each is told at most once in a story. */
    private static final int EPISODES = 20;

    /**
     * A story made of episodes, for tiny-bert's next-sentence pairs: an opening, then short episodes (one to three sentences that follow from each
     * other: "tom was very hungry . he ate an apple . the apple was sweet ."), each kind told at
     * most once, and a varied ending or none. A fifth of the stories are one or two sentences
     * long; no sentence closes every story, and no sentence occurs twice in a story. Inside an
     * episode the next sentence depends on the one before it (what next-sentence prediction
     * learns from) and takes up its words again ("some milk ... paid for the milk"); between
     * episodes the story moves on to something not yet told (so a continuation does not loop).
     * "was ADJ" mostly gives a thing its own adjective again ("a red ball ... it was very red"):
     * other states are said with other verbs ("looked happy", "tasted good"), so that a masked
     * adjective can be read back from the story, as before episodes.
     */
    String episodeStory() {
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
        List<Integer> kinds = new ArrayList<>();
        for (int k = 0; k < EPISODES; k++) {
            kinds.add(k);
        }
        java.util.Collections.shuffle(kinds, random);
        for (int kind : kinds) {
            if (sentences.size() >= events + 1) {
                break;
            }
            Referent subject = second != null && random.nextBoolean() ? second : first;
            Referent other = subject == first ? second : first;
            List<String> episode = episode(kind, subject, other, thing);
            if (episode.isEmpty()) {
                continue;
            }
            int room = events + 1 - sentences.size();
            if (episode.size() > room) {
                episode = episode.subList(0, Math.max(1, room));
            }
            if (!sentences.isEmpty() && random.nextDouble() < 0.2) {
                episode.set(0, pick(CONNECTORS) + " , " + episode.get(0));
            }
            for (String e : episode) {
                if (!sentences.contains(e)) {
                    sentences.add(e);
                }
            }
        }
        if (events >= 2 && random.nextDouble() < 0.6) {
            String end = ending(first, second, thing, true);
            if (!sentences.contains(end)) {
                sentences.add(end);
            }
        }
        return String.join(" ", sentences);
    }

    /** A closing sentence, one of many (or none: the caller leaves it out 40% of the time). */
    private String ending(Referent first, Referent second, Referent thing, boolean episodes) {
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
                // an episode story may never mention its thing, so "it" would point nowhere
                return episodes ? mention(who, Role.SUBJECT) + " had a " + pick(DAY_WORDS) + " day ."
                        : "it was a " + pick(DAY_WORDS) + " day for " + mention(who, Role.OBJECT) + " .";
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

    /**
     * An errand drawn for a story: the place, the verb done there, and what it takes: the story's
     * thing (newObject null) or a new noun, never a person (a new person would make "he" or "she"
     * ambiguous).
     */
    private record Errand(String place, String base, Noun newObject) {
    }

    private Errand drawErrand(Referent t) {
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
        if (verb.objects().contains(t.category) && random.nextDouble() < 0.5) {
            return new Errand(place, base, null);
        }
        List<Category> cats = new ArrayList<>(verb.objects());
        cats.remove(Category.PERSON);
        if (cats.isEmpty()) {
            cats.add(Category.THING);
        }
        java.util.Collections.sort(cats);
        return new Errand(place, base, pick(lexicon.nouns(pick(cats))));
    }

    /** "went to the store to buy some milk": the story's thing when it fits the errand, else a new object. */
    private String errand(Referent s, Referent t) {
        Errand e = drawErrand(t);
        Noun n = e.newObject();
        String object = n == null ? mention(t, Role.OBJECT) : lexicon.indefinite(n.singular(), n.singular());
        return mention(s, Role.SUBJECT) + " went to the " + e.place() + " to " + e.base() + " " + object + " .";
    }

    /**
     * One episode of the given kind, its sentences in order, or an empty list when the kind does
     * not fit the story's people and thing (a gift needs a second person, feeding needs an animal).
     */
    private List<String> episode(int kind, Referent s, Referent o, Referent t) {
        String place = random.nextDouble() < 0.75 ? storyPlace : pick(lexicon.nouns(Category.PLACE)).singular();
        List<String> out = new ArrayList<>();
        boolean portable = t.category == Category.THING || t.category == Category.FOOD
                || t.category == Category.READABLE;
        switch (kind) {
            case 0: // found something, took it home
                out.add(subject(s) + " found " + object(t) + " in the " + place + " .");
                if (o != null && random.nextDouble() < 0.4) {
                    out.add(subject(s) + " showed " + object(t) + " to " + object(o) + " .");
                } else {
                    out.add(subject(s) + " took " + object(t) + " home .");
                }
                if (random.nextDouble() < 0.6) {
                    out.add(subject(t) + " was very " + adjectiveFor(t) + " .");
                }
                return out;
            case 1:
                return errandEpisode(s, t);
            case 2: { // hungry, ate, how it tasted
                out.add(subject(s) + " was very hungry .");
                if (t.category == Category.FOOD) {
                    out.add(subject(s) + " ate " + object(t) + " .");
                    if (random.nextDouble() < 0.6) {
                        out.add(subject(t) + " was " + adjectiveFor(t) + " .");
                    }
                } else {
                    Noun food = pick(lexicon.nouns(Category.FOOD));
                    out.add(subject(s) + " ate " + lexicon.indefinite(food.singular(), food.singular()) + " .");
                    if (random.nextDouble() < 0.6) {
                        out.add("the " + food.singular() + " tasted good .");
                    }
                }
                return out;
            }
            case 3: { // thirsty, drank
                out.add(subject(s) + " was thirsty .");
                String drink = t.category == Category.DRINK ? object(t) : "some " + pick(lexicon.nouns(Category.DRINK)).singular();
                out.add(subject(s) + " drank " + drink + " .");
                return out;
            }
            case 4: // tired, went to bed
                out.add(subject(s) + " was very tired .");
                out.add(random.nextBoolean() ? subject(s) + " went to bed early ."
                        : subject(s) + " slept for a long time .");
                return out;
            case 5: // a gift and thanks
                if (o == null || !portable) {
                    return out;
                }
                out.add(subject(s) + " gave " + object(t) + " to " + object(o) + " .");
                out.add(subject(o) + " was happy and thanked " + object(s) + " .");
                return out;
            case 6: { // two people went somewhere and did something there together
                if (o == null) {
                    return out;
                }
                Verb v = activity(place);
                out.add(subject(s) + " and " + subject(o) + " went to the " + place + " .");
                out.add("they " + v.past() + " there together .");
                if (random.nextDouble() < 0.3) {
                    out.add("they had a " + pick(DAY_WORDS) + " day .");
                }
                return out;
            }
            case 7: // liked it because of its adjective
                out.add(subject(s) + " liked " + object(t) + " because " + t.pronoun.subject + " was "
                        + adjectiveFor(t) + " .");
                if (random.nextDouble() < 0.5) {
                    out.add(subject(s) + " wanted to keep " + object(t) + " .");
                }
                return out;
            case 8: { // lost, looked for, found
                if (t.category != Category.THING && t.category != Category.READABLE) {
                    return out;
                }
                String surface = pick(SURFACES);
                out.add(subject(s) + " lost " + object(t) + " in the " + place + " .");
                out.add(subject(s) + " looked for " + object(t) + " everywhere .");
                out.add(subject(s) + " found " + object(t) + " under the " + surface + " .");
                if (random.nextDouble() < 0.5) {
                    out.add(subject(t) + " was still " + adjectiveFor(t) + " .");
                }
                return out;
            }
            case 9: // an animal's needs
                if (t.category != Category.ANIMAL) {
                    return out;
                }
                if (random.nextBoolean()) {
                    out.add(subject(t) + " was hungry .");
                    out.add(subject(s) + " gave " + object(t) + " some food .");
                } else {
                    out.add(subject(t) + " got dirty .");
                    out.add(subject(s) + " washed " + object(t) + " in the " + place + " .");
                }
                if (random.nextDouble() < 0.4) {
                    out.add(subject(t) + " looked happy .");
                }
                return out;
            case 10: { // reading to the class
                String book = t.category == Category.READABLE ? object(t)
                        : "a " + pick(lexicon.nouns(Category.READABLE)).singular();
                out.add(subject(s) + " read " + book + " to the class .");
                out.add("the students listened .");
                return out;
            }
            case 11: { // wanted to do something, did it
                Verb v = activity(place);
                out.add(subject(s) + " wanted to " + v.base() + " in the " + place + " .");
                out.add("so " + subject(s) + " " + v.past() + " in the " + place + " .");
                return out;
            }
            case 12: { // saw many
                Noun many = pick(manyable());
                out.add(subject(s) + " saw " + pick(NUMBERS) + " " + many.plural() + " near the " + place + " .");
                out.add(many.category() == Category.ANIMAL ? "the " + many.plural() + " ran away ."
                        : subject(s) + " counted the " + many.plural() + " again .");
                return out;
            }
            case 13: // told someone about it
                if (o == null) {
                    return out;
                }
                out.add(subject(s) + " told " + object(o) + " about " + object(t) + " .");
                out.add(subject(o) + " wanted to see " + object(t) + " .");
                if (random.nextDouble() < 0.5) {
                    out.add(subject(t) + " was very " + adjectiveFor(t) + " .");
                }
                return out;
            case 14: // met someone and smiled
                if (o == null) {
                    return out;
                }
                out.add("when " + subject(s) + " saw " + object(o) + " , " + s.pronoun.subject + " smiled .");
                out.add(subject(s) + " and " + subject(o) + " talked for a long time .");
                return out;
            case 15: // put it somewhere
                if (t.category == Category.ANIMAL) {
                    out.add(subject(t) + " sat on the " + pick(SURFACES) + " .");
                    out.add(subject(t) + " slept there all day .");
                } else {
                    out.add(subject(s) + " put " + object(t) + " on the " + pick(SURFACES) + " .");
                    out.add(subject(t) + " stayed there all day .");
                }
                return out;
            case 16: // packed it and carried it somewhere
                if (!portable) {
                    return out;
                }
                out.add(subject(s) + " put " + object(t) + " in " + s.pronoun.possessive + " bag .");
                out.add(subject(s) + " carried " + object(t) + " to the " + place + " .");
                if (random.nextDouble() < 0.5) {
                    out.add(subject(t) + " was very " + adjectiveFor(t) + " .");
                }
                return out;
            case 17: { // a habit
                Verb v = activity(place);
                out.add("every day , " + subject(s) + " " + v.third() + " in the " + place + " .");
                out.add(subject(s) + " loves the " + place + " .");
                return out;
            }
            case 18: { // did something to it, and how it was
                Verb v = verbFor(t.category);
                out.add(v == null ? subject(s) + " looked at " + object(t) + " ."
                        : subject(s) + " " + v.past() + " " + object(t) + " .");
                if (random.nextDouble() < 0.7) {
                    out.add(subject(t) + " was very " + adjectiveFor(t) + " .");
                }
                return out;
            }
            default: // cooked it and ate it
                if (t.category != Category.FOOD) {
                    return out;
                }
                out.add(subject(s) + " cooked " + object(t) + " in the kitchen .");
                out.add(subject(t) + " smelled good .");
                if (random.nextDouble() < 0.5) {
                    out.add("then " + subject(s) + " ate " + object(t) + " .");
                }
                return out;
        }
    }

    private String subject(Referent r) {
        return mention(r, Role.SUBJECT);
    }

    private String object(Referent r) {
        return mention(r, Role.OBJECT);
    }

    /**
     * What follows an errand, by its verb: {S} is the person, {X} the thing again ("the milk"),
     * so the second sentence takes up the first one's object.
     */
    private static final Map<String, String> ERRAND_FOLLOW_UPS = Map.ofEntries(
            Map.entry("buy", "{S} paid for {X} ."), Map.entry("sell", "{S} sold {X} for a good price ."),
            Map.entry("read", "{S} enjoyed {X} ."), Map.entry("find", "{S} took {X} home ."),
            Map.entry("cook", "{X} smelled very good ."), Map.entry("make", "{X} was ready for dinner ."),
            Map.entry("wash", "{X} looked clean again ."), Map.entry("order", "{X} came very quickly ."),
            Map.entry("eat", "{S} enjoyed {X} ."), Map.entry("write", "{S} finished {X} before lunch ."),
            Map.entry("send", "{X} arrived the next day ."), Map.entry("feed", "{X} ate everything ."),
            Map.entry("help", "{X} looked happy ."), Map.entry("see", "{S} looked at {X} for a long time ."),
            Map.entry("watch", "{X} was playing ."), Map.entry("bring", "the nurses thanked {S} ."));

    /**
     * "went to the store to buy some milk . she paid for the milk .": the story's thing when it
     * fits the errand, else a new object (never called "it", which stays the story's thing).
     */
    private List<String> errandEpisode(Referent s, Referent t) {
        Errand e = drawErrand(t);
        Noun n = e.newObject();
        String object = n == null ? object(t) : lexicon.indefinite(n.singular(), n.singular());
        String again = n == null ? null : "the " + n.singular();
        List<String> out = new ArrayList<>();
        out.add(subject(s) + " went to the " + e.place() + " to " + e.base() + " " + object + " .");
        String follow = ERRAND_FOLLOW_UPS.get(e.base());
        String subjectAgain = !follow.contains("{S}") ? "" : follow.startsWith("{S}") ? subject(s) : object(s);
        String thingAgain = again != null ? again : follow.startsWith("{X}") ? subject(t) : object(t);
        out.add(follow.replace("{S}", subjectAgain).replace("{X}", thingAgain));
        return out;
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
