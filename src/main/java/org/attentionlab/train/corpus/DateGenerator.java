package org.attentionlab.train.corpus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Spoken dates to ISO dates: "the third of march twenty twenty one" to {@code 2021 - 03 - 03}.
 *
 * <p>Several source words become one target word ("twenty twenty one" is {@code 2021}, "twenty
 * third" is {@code 23}), and the order flips from day month year to year month day, so the
 * attention of a target word spreads over a span of source words. The two {@code -} have no
 * source word; their alignment is empty.
 */
final class DateGenerator {
    /** Years the task covers; each is one target word. */
    static final int FIRST_YEAR = 1950;
    static final int LAST_YEAR = 2049;

    static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"};
    private static final String[] UNITS = {"", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine"};
    private static final String[] TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"};
    private static final String[] ORDINAL_UNITS = {"", "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth"};
    private static final String[] ORDINAL_TEENS = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
        "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};

    private final Random random;

    DateGenerator(Random random) {
        this.random = random;
    }

    ParallelExample next() {
        int year = FIRST_YEAR + random.nextInt(LAST_YEAR - FIRST_YEAR + 1);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(LocalDate.of(year, month, 1).lengthOfMonth());
        return example(year, month, day, random.nextBoolean());
    }

    /** The pair for one date; {@code monthFirst} chooses "march the third" over "the third of march". */
    static ParallelExample example(int year, int month, int day, boolean monthFirst) {
        List<String> source = new ArrayList<>();
        List<Integer> dayWords = new ArrayList<>();
        List<Integer> monthWords = new ArrayList<>();
        List<Integer> yearWords = new ArrayList<>();
        if (monthFirst) {
            monthWords.add(source.size());
            source.add(MONTHS[month - 1]);
            source.add("the");
            addAll(source, dayWords, ordinal(day));
        } else {
            source.add("the");
            addAll(source, dayWords, ordinal(day));
            source.add("of");
            monthWords.add(source.size());
            source.add(MONTHS[month - 1]);
        }
        addAll(source, yearWords, yearWords(year));
        List<String> target = List.of(Integer.toString(year), "-", String.format("%02d", month), "-",
                String.format("%02d", day));
        List<List<Integer>> alignment = List.of(List.copyOf(yearWords), List.of(), List.copyOf(monthWords), List.of(),
                List.copyOf(dayWords));
        return new ParallelExample(List.copyOf(source), target, alignment);
    }

    private static void addAll(List<String> source, List<Integer> positions, List<String> words) {
        for (String w : words) {
            positions.add(source.size());
            source.add(w);
        }
    }

    /** "first", "twenty third", "thirtieth". */
    static List<String> ordinal(int day) {
        if (day < 10) {
            return List.of(ORDINAL_UNITS[day]);
        }
        if (day < 20) {
            return List.of(ORDINAL_TEENS[day - 10]);
        }
        if (day % 10 == 0) {
            return List.of(day == 20 ? "twentieth" : "thirtieth");
        }
        return List.of(TENS[day / 10], ORDINAL_UNITS[day % 10]);
    }

    /** "nineteen fifty", "nineteen eighty four", "two thousand", "two thousand five", "twenty ten", "twenty twenty one". */
    static List<String> yearWords(int year) {
        List<String> out = new ArrayList<>();
        if (year >= 2000 && year < 2010) {
            out.add("two");
            out.add("thousand");
            if (year > 2000) {
                out.add(UNITS[year - 2000]);
            }
            return out;
        }
        out.add(year < 2000 ? "nineteen" : "twenty");
        int rest = year % 100;
        if (rest < 20) {
            out.add(TEENS[rest - 10]);
        } else {
            out.add(TENS[rest / 10]);
            if (rest % 10 != 0) {
                out.add(UNITS[rest % 10]);
            }
        }
        return out;
    }
}
