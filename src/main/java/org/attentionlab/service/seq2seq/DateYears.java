package org.attentionlab.service.seq2seq;

import java.util.List;
import java.util.Map;

/**
 * Reads the year of a spelled-out date as the dates task writes it ("nineteen eighty four",
 * "twenty twenty one", "two thousand five"), so that a year outside the range a dates model was
 * trained on can be refused with a message instead of translated into nonsense.
 */
final class DateYears {
    private static final Map<String, Integer> UNITS = Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5,
            "six", 6, "seven", 7, "eight", 8, "nine", 9);
    private static final Map<String, Integer> TEENS = Map.of("ten", 10, "eleven", 11, "twelve", 12, "thirteen", 13,
            "fourteen", 14, "fifteen", 15, "sixteen", 16, "seventeen", 17, "eighteen", 18, "nineteen", 19);
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

    private DateYears() {
    }

    /** The year the last words of {@code words} spell, or -1 when they spell none. */
    static int yearAtEnd(List<String> words) {
        for (int n = 3; n >= 2; n--) {
            if (words.size() >= n) {
                int y = parse(words.subList(words.size() - n, words.size()));
                if (y >= 0) {
                    return y;
                }
            }
        }
        return -1;
    }

    /** "two thousand [unit]", or a century word (any teen or twenty) and then a teen, or tens with an optional unit. */
    static int parse(List<String> w) {
        if (w.size() >= 2 && w.get(0).equals("two") && w.get(1).equals("thousand")) {
            if (w.size() == 2) {
                return 2000;
            }
            Integer u = UNITS.get(w.get(2));
            return w.size() == 3 && u != null ? 2000 + u : -1;
        }
        Integer century = TEENS.containsKey(w.get(0)) ? TEENS.get(w.get(0)) : (w.get(0).equals("twenty") ? 20 : null);
        if (century == null) {
            return -1;
        }
        if (w.size() == 2 && TEENS.containsKey(w.get(1))) {
            return century * 100 + TEENS.get(w.get(1));
        }
        Integer tens = TENS.get(w.get(1));
        if (tens == null) {
            return -1;
        }
        if (w.size() == 2) {
            return century * 100 + tens;
        }
        Integer unit = UNITS.get(w.get(2));
        return unit == null ? -1 : century * 100 + tens + unit;
    }
}
