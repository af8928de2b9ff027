package org.attentionlab.service.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.WordCheck;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-file reading, vocabulary hints and the dates year check. */
class Seq2SeqLabHelpersTest {
    @TempDir
    Path dir;

    @Test
    void tsvWithAndWithoutAlignmentIsRead() throws IOException {
        Path f = dir.resolve("test.tsv");
        Files.writeString(f, "# comment\nthe cat sleeps\tlo gato dormis\t0 1 2\n\nmay the tenth twenty forty three\t2043 - 05 - 10\t3,4,5 - 0 - 2\n"
                + "a dog\tna hundo\n");
        List<TestSentence> s = TestSentences.read(f);
        assertEquals(3, s.size());
        assertEquals(List.of("the", "cat", "sleeps"), s.get(0).sourceWords());
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), s.get(0).alignment());
        assertEquals(List.of(List.of(3, 4, 5), List.of(), List.of(0), List.of(), List.of(2)), s.get(1).alignment());
        assertNull(s.get(2).alignment());
        assertEquals(f, TestSentences.find(dir).orElseThrow());
    }

    @Test
    void jsonLinesAsTheCorpusWritesThemAreRead() throws IOException {
        Path f = dir.resolve("test.jsonl");
        Files.writeString(f, "{\"source\":[\"a\",\"prince\"],\"target\":[\"na\",\"ziso\"],\"alignment\":[[0],[1]]}\n");
        TestSentence s = TestSentences.read(f).get(0);
        assertEquals("a prince", s.sourceText());
        assertEquals("na ziso", s.targetText());
        assertEquals(List.of(List.of(0), List.of(1)), s.alignment());
    }

    @Test
    void malformedLinesAreNamedWithTheirLineNumber() throws IOException {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "the cat\tlo gato\nthe cat\tlo gato\t0 7\n");
        InputException e = assertThrows(InputException.class, () -> TestSentences.read(f));
        assertTrue(e.getMessage().contains("Line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        Path one = dir.resolve("one.tsv");
        Files.writeString(one, "no tab here\n");
        assertThrows(InputException.class, () -> TestSentences.read(one));
        assertThrows(InputException.class, () -> TestSentences.read(dir.resolve("missing.tsv")));
    }

    @Test
    void unknownWordsGetTheNearestKnownWords() {
        Seq2SeqModel model = Seq2SeqModel.load(Path.of("sample-models/seq2seq-dot"));
        List<WordCheck> checks = VocabularyHints.check(model, "The prinse rested", 3);
        assertEquals(3, checks.size());
        assertTrue(checks.get(0).known());
        assertFalse(checks.get(1).known());
        assertEquals("prince", checks.get(1).suggestions().get(0));
        assertEquals(3, checks.get(1).suggestions().size());
        assertTrue(checks.get(2).suggestions().isEmpty());
        assertEquals(1, VocabularyHints.distance("prinse", "prince"));
        assertEquals(3, VocabularyHints.distance("kitten", "sitting"));
        assertEquals(0, VocabularyHints.distance("", ""));
    }

    @Test
    void spelledYearsAreReadAsTheDatesTaskWritesThem() {
        assertEquals(1984, DateYears.yearAtEnd(List.of("the", "third", "of", "may", "nineteen", "eighty", "four")));
        assertEquals(2021, DateYears.yearAtEnd(List.of("may", "the", "first", "twenty", "twenty", "one")));
        assertEquals(2020, DateYears.yearAtEnd(List.of("may", "the", "twenty", "first", "twenty", "twenty")));
        assertEquals(2005, DateYears.yearAtEnd(List.of("the", "ninth", "of", "june", "two", "thousand", "five")));
        assertEquals(2000, DateYears.yearAtEnd(List.of("the", "ninth", "of", "june", "two", "thousand")));
        assertEquals(1912, DateYears.yearAtEnd(List.of("april", "the", "ninth", "nineteen", "twelve")));
        assertEquals(1850, DateYears.yearAtEnd(List.of("april", "the", "ninth", "eighteen", "fifty")));
        assertEquals(-1, DateYears.yearAtEnd(List.of("the", "cat", "sleeps")));
    }

    @Test
    void aYearOutsideTheDatesRangeIsRefusedWithTheRange() {
        int[] range = Seq2SeqLab.dateYearRange(Path.of("sample-models/seq2seq-dates"));
        assertTrue(range != null && range[0] <= 1950 && range[1] >= 2049 - 1);
        Seq2SeqLab.checkDateYear(List.of("may", "the", "tenth", "twenty", "forty", "three"), range);
        InputException e = assertThrows(InputException.class,
                () -> Seq2SeqLab.checkDateYear(List.of("april", "the", "ninth", "eighteen", "fifty"), new int[] {1950, 2049}));
        assertTrue(e.getMessage().contains("1850") && e.getMessage().contains("1950") && e.getMessage().contains("2049"));
        assertNull(Seq2SeqLab.dateYearRange(Path.of("sample-models/seq2seq-dot")));
    }
}
