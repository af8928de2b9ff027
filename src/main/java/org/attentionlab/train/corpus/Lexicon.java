package org.attentionlab.train.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The English words the generated corpus is made of, with the facts the tasks need (plural,
 * past tense, opposite, capital). All lower case: the sample models are uncased.
 *
 * <p>The lists are fixed in code, not drawn at random, so every seed sees the same words and a
 * lesson can rely on them ("hot" has the opposite "cold" in every build).
 */
public final class Lexicon {

    /** The pronoun set a referent takes; stories use at most one referent of each. */
    public enum Pronoun {
        HE("he", "him", "his"), SHE("she", "her", "her"), IT("it", "it", "its");

        public final String subject;
        public final String object;
        public final String possessive;

        Pronoun(String subject, String object, String possessive) {
            this.subject = subject;
            this.object = object;
            this.possessive = possessive;
        }
    }

    /** What a noun names; verbs and adjectives select the categories they go with. */
    public enum Category { PERSON, ANIMAL, THING, FOOD, READABLE, PLACE, DRINK }

    /** A noun and its plural; {@code pronoun} is IT except for people. */
    public record Noun(String singular, String plural, Category category, Pronoun pronoun) {
        /** True when the plural follows the spelling rule a student would state (+s, +es, y to ies). */
        public boolean regularPlural() {
            return plural.equals(Lexicon.pluralByRule(singular));
        }
    }

    /** A person's name and pronoun. */
    public record Name(String word, Pronoun pronoun) {
    }

    /** An adjective pair: each is the other's opposite; {@code modifies} is what they describe. */
    public record Antonyms(String first, String second, Set<Category> modifies) {
    }

    /**
     * A verb: base form ("walk"), third person ("walks"), past ("walked"); {@code objects} is
     * empty for an intransitive verb.
     */
    public record Verb(String base, String third, String past, Set<Category> objects) {
        public boolean transitive() {
            return !objects.isEmpty();
        }

        /** True when the past follows the spelling rule (+ed, +d after e, y to ied), without doubling. */
        public boolean regularPast() {
            return past.equals(Lexicon.pastByRule(base));
        }
    }

    /** A country and its capital, both single words. */
    public record Country(String name, String capital) {
    }

    private final List<Noun> nouns;
    private final List<Name> names;
    private final List<Antonyms> antonyms;
    private final List<String> colours;
    private final List<Verb> verbs;
    private final List<Country> countries;
    private final List<String[]> colourFacts;
    private final List<String[]> animalSounds;
    /**
     * Words added by the second generation of the corpus (everyday scenes). The Toy language
     * gives them words after all first-generation words, so every earlier Toy word stays.
     */
    private final Set<String> secondGeneration = new LinkedHashSet<>();
    /** Nouns that take "some" rather than "a" and have no plural of their own (milk, bread). */
    private final Set<String> uncountable = new LinkedHashSet<>();

    private Lexicon() {
        nouns = new ArrayList<>();
        person("boy", "boys", Pronoun.HE);
        person("girl", "girls", Pronoun.SHE);
        person("man", "men", Pronoun.HE);
        person("woman", "women", Pronoun.SHE);
        person("king", "kings", Pronoun.HE);
        person("queen", "queens", Pronoun.SHE);
        person("prince", "princes", Pronoun.HE);
        person("princess", "princesses", Pronoun.SHE);
        person("father", "fathers", Pronoun.HE);
        person("mother", "mothers", Pronoun.SHE);
        person("brother", "brothers", Pronoun.HE);
        person("sister", "sisters", Pronoun.SHE);
        person("uncle", "uncles", Pronoun.HE);
        person("aunt", "aunts", Pronoun.SHE);

        nouns(Category.ANIMAL, "dog", "cat", "bird", "horse", "fox", "rabbit", "cow", "duck", "frog", "bear",
                "goat", "pig", "owl", "bee", "lion", "tiger", "monkey", "snake", "pony", "puppy", "donkey", "whale");
        irregular(Category.ANIMAL, "mouse", "mice");
        irregular(Category.ANIMAL, "sheep", "sheep");
        irregular(Category.ANIMAL, "fish", "fish");
        irregular(Category.ANIMAL, "wolf", "wolves");
        irregular(Category.ANIMAL, "goose", "geese");

        nouns(Category.THING, "ball", "box", "hat", "cup", "key", "boat", "car", "bag", "dress", "watch",
                "glass", "brush", "lamp", "clock", "coat", "shoe", "bottle", "toy", "flower", "stone", "candle",
                "basket", "bus", "dish", "kite", "drum", "bell", "ring", "chair", "bench", "spoon", "fence",
                "window", "door", "bicycle", "blanket", "pencil", "jar", "torch", "sock");
        irregular(Category.THING, "knife", "knives");
        irregular(Category.THING, "leaf", "leaves");

        nouns(Category.FOOD, "apple", "cake", "egg", "carrot", "orange", "banana", "cherry", "berry", "peach",
                "pie", "cookie", "sandwich", "lemon", "pear", "plum", "nut", "melon", "onion", "sausage", "biscuit");
        irregular(Category.FOOD, "tomato", "tomatoes");
        irregular(Category.FOOD, "potato", "potatoes");

        nouns(Category.READABLE, "book", "letter", "story", "poem", "map", "note", "card", "song");

        nouns(Category.PLACE, "garden", "house", "park", "forest", "river", "school", "kitchen", "market",
                "village", "field", "farm", "beach", "hill", "castle", "shop", "lake", "city", "road", "bridge",
                "library");

        names = List.of(new Name("tom", Pronoun.HE), new Name("ben", Pronoun.HE), new Name("sam", Pronoun.HE),
                new Name("max", Pronoun.HE), new Name("leo", Pronoun.HE), new Name("jack", Pronoun.HE),
                new Name("anna", Pronoun.SHE), new Name("lily", Pronoun.SHE), new Name("mia", Pronoun.SHE),
                new Name("emma", Pronoun.SHE), new Name("zoe", Pronoun.SHE), new Name("lucy", Pronoun.SHE));

        antonyms = new ArrayList<>();
        Set<Category> person = EnumSet.of(Category.PERSON);
        Set<Category> living = EnumSet.of(Category.PERSON, Category.ANIMAL);
        Set<Category> thing = EnumSet.of(Category.THING);
        Set<Category> food = EnumSet.of(Category.FOOD);
        Set<Category> place = EnumSet.of(Category.PLACE);
        Set<Category> none = EnumSet.noneOf(Category.class);
        antonyms("hot", "cold", EnumSet.of(Category.THING, Category.FOOD, Category.PLACE, Category.DRINK));
        antonyms("big", "small", EnumSet.of(Category.ANIMAL, Category.THING, Category.FOOD, Category.PLACE));
        antonyms("tall", "short", EnumSet.of(Category.PERSON, Category.ANIMAL));
        antonyms("fast", "slow", EnumSet.of(Category.ANIMAL));
        antonyms("happy", "sad", living);
        antonyms("old", "new", EnumSet.of(Category.THING, Category.READABLE, Category.PLACE));
        antonyms("good", "bad", EnumSet.of(Category.READABLE, Category.FOOD));
        antonyms("rich", "poor", person);
        antonyms("strong", "weak", living);
        antonyms("hard", "soft", EnumSet.of(Category.THING, Category.FOOD));
        antonyms("wet", "dry", EnumSet.of(Category.THING, Category.ANIMAL));
        antonyms("full", "empty", thing);
        antonyms("clean", "dirty", EnumSet.of(Category.THING, Category.ANIMAL, Category.PLACE));
        antonyms("loud", "quiet", EnumSet.of(Category.ANIMAL, Category.PLACE));
        antonyms("heavy", "light", thing);
        antonyms("bright", "dark", EnumSet.of(Category.THING, Category.PLACE));
        antonyms("thick", "thin", EnumSet.of(Category.THING, Category.READABLE));
        antonyms("wide", "narrow", place);
        antonyms("deep", "shallow", EnumSet.noneOf(Category.class));
        antonyms("sweet", "sour", food);
        antonyms("cheap", "expensive", EnumSet.of(Category.THING, Category.FOOD));
        antonyms("brave", "scared", person);
        antonyms("angry", "calm", living);
        antonyms("kind", "cruel", person);
        antonyms("clever", "silly", person);
        antonyms("early", "late", none);
        antonyms("easy", "difficult", none);
        antonyms("right", "wrong", none);
        antonyms("safe", "dangerous", place);
        antonyms("smooth", "rough", thing);
        antonyms("tidy", "messy", place);
        antonyms("first", "last", none);
        antonyms("tight", "loose", none);
        antonyms("awake", "asleep", none);
        antonyms("true", "false", none);
        antonyms("warm", "cool", EnumSet.of(Category.THING, Category.PLACE, Category.DRINK));
        antonyms("fresh", "stale", food);
        antonyms("young", "elderly", person);

        colours = List.of("red", "blue", "green", "yellow", "white", "black", "brown", "pink", "grey", "purple");

        verbs = new ArrayList<>();
        Set<Category> seeable = EnumSet.of(Category.PERSON, Category.ANIMAL, Category.THING, Category.FOOD);
        Set<Category> findable = EnumSet.of(Category.ANIMAL, Category.THING, Category.FOOD, Category.READABLE);
        Set<Category> portable = EnumSet.of(Category.THING, Category.FOOD);
        verb("see", "sees", "saw", seeable);
        verb("find", "finds", "found", findable);
        verb("like", "likes", "liked", findable);
        verb("eat", "eats", "ate", food);
        verb("read", "reads", "read", EnumSet.of(Category.READABLE));
        verb("write", "writes", "wrote", EnumSet.of(Category.READABLE));
        verb("kick", "kicks", "kicked", thing);
        verb("open", "opens", "opened", EnumSet.of(Category.THING, Category.READABLE));
        verb("wash", "washes", "washed", EnumSet.of(Category.THING, Category.ANIMAL, Category.FOOD));
        verb("paint", "paints", "painted", thing);
        verb("carry", "carries", "carried", EnumSet.of(Category.THING, Category.FOOD, Category.ANIMAL));
        verb("chase", "chases", "chased", EnumSet.of(Category.ANIMAL, Category.PERSON));
        verb("help", "helps", "helped", living);
        verb("call", "calls", "called", living);
        verb("watch", "watches", "watched", living);
        verb("pull", "pulls", "pulled", thing);
        verb("push", "pushes", "pushed", thing);
        verb("cook", "cooks", "cooked", food);
        verb("drop", "drops", "dropped", portable);
        verb("hug", "hugs", "hugged", living);
        verb("buy", "buys", "bought", EnumSet.of(Category.THING, Category.FOOD, Category.READABLE));
        verb("take", "takes", "took", portable);
        verb("hold", "holds", "held", EnumSet.of(Category.THING, Category.ANIMAL));
        verb("throw", "throws", "threw", thing);
        verb("catch", "catches", "caught", EnumSet.of(Category.ANIMAL, Category.THING));
        verb("hide", "hides", "hid", portable);
        verb("bring", "brings", "brought", portable);
        verb("feed", "feeds", "fed", EnumSet.of(Category.ANIMAL));
        verb("visit", "visits", "visited", person);
        verb("follow", "follows", "followed", living);
        verb("clean", "cleans", "cleaned", thing);
        verb("fix", "fixes", "fixed", thing);
        verb("touch", "touches", "touched", EnumSet.of(Category.THING, Category.ANIMAL));
        verb("love", "loves", "loved", EnumSet.of(Category.PERSON, Category.ANIMAL, Category.FOOD));
        verb("want", "wants", "wanted", portable);
        verb("miss", "misses", "missed", living);
        verb("kiss", "kisses", "kissed", living);
        verb("pick", "picks", "picked", food);
        verb("smell", "smells", "smelled", food);
        verb("taste", "tastes", "tasted", food);
        verb("fill", "fills", "filled", thing);
        verb("sell", "sells", "sold", portable);
        verb("draw", "draws", "drew", EnumSet.of(Category.ANIMAL, Category.THING, Category.FOOD));
        verb("lose", "loses", "lost", thing);
        verb("share", "shares", "shared", food);
        verb("mend", "mends", "mended", thing);
        verb("wrap", "wraps", "wrapped", thing);
        verb("count", "counts", "counted", portable);
        Set<Category> intransitive = EnumSet.noneOf(Category.class);
        verb("sleep", "sleeps", "slept", intransitive);
        verb("sit", "sits", "sat", intransitive);
        verb("run", "runs", "ran", intransitive);
        verb("jump", "jumps", "jumped", intransitive);
        verb("play", "plays", "played", intransitive);
        verb("sing", "sings", "sang", intransitive);
        verb("dance", "dances", "danced", intransitive);
        verb("walk", "walks", "walked", intransitive);
        verb("wait", "waits", "waited", intransitive);
        verb("laugh", "laughs", "laughed", intransitive);
        verb("cry", "cries", "cried", intransitive);
        verb("swim", "swims", "swam", intransitive);
        verb("smile", "smiles", "smiled", intransitive);
        verb("rest", "rests", "rested", intransitive);
        verb("work", "works", "worked", intransitive);
        verb("shout", "shouts", "shouted", intransitive);
        verb("stay", "stays", "stayed", intransitive);
        verb("hop", "hops", "hopped", intransitive);
        verb("climb", "climbs", "climbed", intransitive);
        verb("dream", "dreams", "dreamed", intransitive);
        verb("listen", "listens", "listened", intransitive);
        verb("hurry", "hurries", "hurried", intransitive);

        countries = List.of(new Country("france", "paris"), new Country("spain", "madrid"),
                new Country("italy", "rome"), new Country("germany", "berlin"), new Country("egypt", "cairo"),
                new Country("japan", "tokyo"), new Country("china", "beijing"), new Country("russia", "moscow"),
                new Country("england", "london"), new Country("greece", "athens"), new Country("peru", "lima"),
                new Country("kenya", "nairobi"), new Country("india", "delhi"), new Country("canada", "ottawa"),
                new Country("norway", "oslo"), new Country("sweden", "stockholm"), new Country("poland", "warsaw"),
                new Country("austria", "vienna"), new Country("ireland", "dublin"), new Country("portugal", "lisbon"),
                new Country("cuba", "havana"), new Country("chile", "santiago"), new Country("turkey", "ankara"),
                new Country("iran", "tehran"), new Country("iraq", "baghdad"), new Country("brazil", "brasilia"),
                new Country("australia", "canberra"), new Country("thailand", "bangkok"),
                new Country("vietnam", "hanoi"), new Country("korea", "seoul"), new Country("finland", "helsinki"),
                new Country("denmark", "copenhagen"), new Country("hungary", "budapest"),
                new Country("belgium", "brussels"), new Country("ghana", "accra"), new Country("nigeria", "abuja"),
                new Country("morocco", "rabat"), new Country("syria", "damascus"), new Country("lebanon", "beirut"),
                new Country("nepal", "kathmandu"), new Country("wales", "cardiff"),
                new Country("scotland", "edinburgh"), new Country("mongolia", "ulaanbaatar"),
                new Country("senegal", "dakar"), new Country("ethiopia", "addis"));

        colourFacts = List.of(new String[] {"the sky", "blue"}, new String[] {"grass", "green"},
                new String[] {"snow", "white"}, new String[] {"coal", "black"}, new String[] {"milk", "white"},
                new String[] {"the sun", "yellow"}, new String[] {"a banana", "yellow"},
                new String[] {"a cherry", "red"}, new String[] {"a lemon", "yellow"}, new String[] {"a plum", "purple"},
                new String[] {"a frog", "green"}, new String[] {"a mouse", "grey"}, new String[] {"a leaf", "green"},
                new String[] {"a tomato", "red"}, new String[] {"a bear", "brown"}, new String[] {"the sea", "blue"},
                new String[] {"a pig", "pink"}, new String[] {"a carrot", "orange"}, new String[] {"an orange", "orange"},
                new String[] {"a crow", "black"});
        animalSounds = List.of(new String[] {"dog", "woof"}, new String[] {"cat", "meow"},
                new String[] {"cow", "moo"}, new String[] {"duck", "quack"}, new String[] {"sheep", "baa"},
                new String[] {"pig", "oink"}, new String[] {"owl", "hoot"}, new String[] {"bee", "buzz"},
                new String[] {"lion", "roar"}, new String[] {"frog", "croak"}, new String[] {"horse", "neigh"},
                new String[] {"mouse", "squeak"}, new String[] {"goose", "honk"}, new String[] {"donkey", "hee-haw"},
                new String[] {"bird", "tweet"}, new String[] {"snake", "hiss"});
        secondGeneration();
    }

    /** Everyday scenes: school, shop, kitchen, office; words from the 2,000 most common English words. */
    private void secondGeneration() {
        int nounsBefore = nouns.size();
        int verbsBefore = verbs.size();
        person("teacher", "teachers", Pronoun.SHE);
        person("student", "students", Pronoun.HE);
        person("doctor", "doctors", Pronoun.SHE);
        person("nurse", "nurses", Pronoun.HE);
        person("driver", "drivers", Pronoun.SHE);
        person("farmer", "farmers", Pronoun.HE);
        person("friend", "friends", Pronoun.SHE);
        person("son", "sons", Pronoun.HE);
        person("daughter", "daughters", Pronoun.SHE);
        person("husband", "husbands", Pronoun.HE);
        person("wife", "wives", Pronoun.SHE);
        person("grandmother", "grandmothers", Pronoun.SHE);
        person("grandfather", "grandfathers", Pronoun.HE);
        nouns(Category.ANIMAL, "kitten", "chicken", "rat");
        nouns(Category.THING, "mat", "table", "bed", "desk", "picture", "pen", "phone", "computer", "shirt",
                "jacket", "doll", "bike", "radio", "gift", "plate", "towel");
        nouns(Category.READABLE, "newspaper", "magazine", "lesson", "message");
        nouns(Category.FOOD, "pizza", "burger", "salad");
        for (String w : List.of("milk", "bread", "cheese", "rice", "sugar", "chocolate", "candy", "soup")) {
            irregular(Category.FOOD, w, w);
            uncountable.add(w);
        }
        for (String w : List.of("water", "coffee", "tea", "juice")) {
            irregular(Category.DRINK, w, w);
            uncountable.add(w);
        }
        nouns(Category.PLACE, "store", "office", "hospital", "room", "church", "restaurant", "street", "town",
                "bank", "zoo", "station", "airport", "classroom");
        for (Noun n : nouns.subList(nounsBefore, nouns.size())) {
            secondGeneration.add(n.singular());
        }
        Set<Category> drinks = EnumSet.of(Category.DRINK);
        verb("drink", "drinks", "drank", drinks);
        verb("need", "needs", "needed", EnumSet.of(Category.THING, Category.FOOD, Category.DRINK));
        verb("use", "uses", "used", EnumSet.of(Category.THING));
        verb("send", "sends", "sent", EnumSet.of(Category.READABLE));
        verb("make", "makes", "made", EnumSet.of(Category.FOOD, Category.THING));
        verb("order", "orders", "ordered", EnumSet.of(Category.FOOD, Category.DRINK));
        verb("pour", "pours", "poured", drinks);
        verb("teach", "teaches", "taught", EnumSet.of(Category.PERSON));
        verb("meet", "meets", "met", EnumSet.of(Category.PERSON));
        verb("remember", "remembers", "remembered", EnumSet.of(Category.PERSON, Category.READABLE));
        Set<Category> intransitive = EnumSet.noneOf(Category.class);
        verb("talk", "talks", "talked", intransitive);
        verb("study", "studies", "studied", intransitive);
        verb("learn", "learns", "learned", intransitive);
        verb("shop", "shops", "shopped", intransitive);
        verb("travel", "travels", "traveled", intransitive);
        verb("pray", "prays", "prayed", intransitive);
        verb("wake", "wakes", "woke", intransitive);
        for (Verb v : verbs.subList(verbsBefore, verbs.size())) {
            secondGeneration.add(v.past());
        }
    }

    /** True for words of the second generation (their Toy words come after all others). */
    public boolean isSecondGeneration(String word) {
        return secondGeneration.contains(word);
    }

    /** True for a noun that takes "some" and has no plural (milk, bread, water). */
    public boolean isUncountable(String noun) {
        return uncountable.contains(noun);
    }

    /** "a ball", "an apple", "some milk": a first mention of a noun (or adjective and noun). */
    public String indefinite(String noun, String phrase) {
        return isUncountable(noun) ? "some " + phrase : article(phrase) + " " + phrase;
    }

    private static final Lexicon STANDARD = new Lexicon();

    /** The one lexicon the corpus is built from. */
    public static Lexicon standard() {
        return STANDARD;
    }

    /** The plural a spelling rule gives: box to boxes, story to stories, dog to dogs. */
    public static String pluralByRule(String singular) {
        if (singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("z")
                || singular.endsWith("ch") || singular.endsWith("sh")) {
            return singular + "es";
        }
        if (singular.endsWith("y") && singular.length() > 1 && !isVowel(singular.charAt(singular.length() - 2))) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }

    /** The past a spelling rule gives without consonant doubling: walk to walked, smile to smiled, cry to cried. */
    public static String pastByRule(String base) {
        if (base.endsWith("e")) {
            return base + "d";
        }
        if (base.endsWith("y") && base.length() > 1 && !isVowel(base.charAt(base.length() - 2))) {
            return base.substring(0, base.length() - 1) + "ied";
        }
        return base + "ed";
    }

    /** "a" or "an" for the word that follows. */
    public static String article(String nextWord) {
        return isVowel(nextWord.charAt(0)) ? "an" : "a";
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    private void person(String singular, String plural, Pronoun pronoun) {
        nouns.add(new Noun(singular, plural, Category.PERSON, pronoun));
    }

    private void nouns(Category category, String... singulars) {
        for (String s : singulars) {
            nouns.add(new Noun(s, pluralByRule(s), category, Pronoun.IT));
        }
    }

    private void irregular(Category category, String singular, String plural) {
        nouns.add(new Noun(singular, plural, category, Pronoun.IT));
    }

    private void antonyms(String first, String second, Set<Category> modifies) {
        antonyms.add(new Antonyms(first, second, Collections.unmodifiableSet(EnumSet.copyOf(
                modifies.isEmpty() ? EnumSet.noneOf(Category.class) : modifies))));
    }

    private void verb(String base, String third, String past, Set<Category> objects) {
        verbs.add(new Verb(base, third, past, Collections.unmodifiableSet(
                objects.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(objects))));
    }

    public List<Noun> nouns() {
        return Collections.unmodifiableList(nouns);
    }

    /** The nouns of one category, in lexicon order. */
    public List<Noun> nouns(Category category) {
        List<Noun> out = new ArrayList<>();
        for (Noun n : nouns) {
            if (n.category() == category) {
                out.add(n);
            }
        }
        return out;
    }

    public List<Name> names() {
        return names;
    }

    public List<Antonyms> antonyms() {
        return Collections.unmodifiableList(antonyms);
    }

    /** Adjectives (from the antonym pairs) that can describe a noun of this category. */
    public List<String> adjectivesFor(Category category) {
        List<String> out = new ArrayList<>();
        for (Antonyms a : antonyms) {
            if (a.modifies().contains(category)) {
                out.add(a.first());
                out.add(a.second());
            }
        }
        return out;
    }

    public List<String> colours() {
        return colours;
    }

    public List<Verb> verbs() {
        return Collections.unmodifiableList(verbs);
    }

    public List<Verb> transitiveVerbs() {
        List<Verb> out = new ArrayList<>();
        for (Verb v : verbs) {
            if (v.transitive()) {
                out.add(v);
            }
        }
        return out;
    }

    public List<Verb> intransitiveVerbs() {
        List<Verb> out = new ArrayList<>();
        for (Verb v : verbs) {
            if (!v.transitive()) {
                out.add(v);
            }
        }
        return out;
    }

    public List<Country> countries() {
        return countries;
    }

    /** Pairs (subject, colour) for sentences like "the sky is blue". */
    public List<String[]> colourFacts() {
        return colourFacts;
    }

    /** Pairs (animal, sound) for sentences like "a cow says moo". */
    public List<String[]> animalSounds() {
        return animalSounds;
    }

    /** Every English word the lexicon knows, so that made-up words can avoid them. */
    public Set<String> allWords() {
        Set<String> all = new LinkedHashSet<>();
        for (Noun n : nouns) {
            all.add(n.singular());
            all.add(n.plural());
        }
        names.forEach(n -> all.add(n.word()));
        antonyms.forEach(a -> {
            all.add(a.first());
            all.add(a.second());
        });
        all.addAll(colours);
        for (Verb v : verbs) {
            all.add(v.base());
            all.add(v.third());
            all.add(v.past());
        }
        countries.forEach(c -> {
            all.add(c.name());
            all.add(c.capital());
        });
        return all;
    }
}
