package org.attentionlab.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.attentionlab.domain.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsFileTest {
    @TempDir
    Path dir;

    /** Builds a file by hand: length, header text, data bytes. */
    private Path raw(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    void writtenTensorsReadBackWithShapesAndMetadata() throws IOException {
        Path p = dir.resolve("model.safetensors");
        float[] a = {1f, -2.5f, 3.25f, 0f, Float.MIN_VALUE, -0f};
        float[] b = {42f};
        new SafeTensorsWriter().add("a.weight", a, 2, 3).add("b", b, 1).write(p);
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            assertEquals(2, f.names().size());
            assertArrayEquals(new long[] {2, 3}, f.info("a.weight").shape());
            assertEquals(DType.F32, f.info("a.weight").dtype());
            assertArrayEquals(a, f.readFloats("a.weight"));
            assertArrayEquals(b, f.readFloats("b"));
            assertEquals("pt", f.metadata().get("format"));
        }
    }

    @Test
    void halfPrecisionValuesWidenExactly() throws IOException {
        // IEEE 754 binary16 reference encodings: 1, -2, 65504 (max), 2^-24 (smallest subnormal),
        // 2^-14 (smallest normal), +inf, 1/3 rounded to half.
        Path p = raw("h.safetensors",
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]}}",
                shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x0400, 0x7C00, 0x3555));
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            float[] v = f.readFloats("h");
            assertEquals(1f, v[0]);
            assertEquals(-2f, v[1]);
            assertEquals(65504f, v[2]);
            assertEquals((float) Math.pow(2, -24), v[3]);
            assertEquals((float) Math.pow(2, -14), v[4]);
            assertEquals(Float.POSITIVE_INFINITY, v[5]);
            assertEquals(0.333251953125f, v[6]);
        }
    }

    @Test
    void halfNanStaysNan() {
        assertTrue(Float.isNaN(SafeTensorsFile.halfToFloat((short) 0x7E00)));
        assertEquals(-0f, SafeTensorsFile.halfToFloat((short) 0x8000));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(SafeTensorsFile.halfToFloat((short) 0x8000)));
    }

    @Test
    void bfloat16ValuesWidenExactly() throws IOException {
        // bf16 is the top half of an fp32: 0x3F80 = 1.0, 0x4049 = 3.140625, 0xC2F7 = -123.5
        Path p = raw("b.safetensors",
                "{\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]}}",
                shorts(0x3F80, 0x4049, 0xC2F7));
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            assertArrayEquals(new float[] {1f, 3.140625f, -123.5f}, f.readFloats("b"));
        }
    }

    @Test
    void truncatedFileIsRefusedAtOpen() throws IOException {
        Path p = dir.resolve("model.safetensors");
        new SafeTensorsWriter().add("w", new float[64], 8, 8).write(p);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, all.length - 10));
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("truncated"), e.getMessage());
        assertTrue(e.problem().contains("'w'"), e.getMessage());
    }

    @Test
    void headerLongerThanFileIsRefused() throws IOException {
        Path p = dir.resolve("bad.safetensors");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put(new byte[12]);
        Files.write(p, b.array());
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("1000"), e.getMessage());
        assertTrue(e.problem().contains("truncated"), e.getMessage());
    }

    @Test
    void fileShorterThanLengthFieldIsRefused() throws IOException {
        Path p = dir.resolve("tiny.safetensors");
        Files.write(p, new byte[] {1, 2, 3});
        assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
    }

    @Test
    void absurdHeaderLengthIsRefusedBeforeAllocation() throws IOException {
        Path p = dir.resolve("huge.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).putLong(0);
        Files.write(p, b.array());
        assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
    }

    @Test
    void headerThatIsNotJsonIsRefused() throws IOException {
        Path p = raw("x.safetensors", "{not json", new byte[0]);
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("JSON"), e.getMessage());
    }

    @Test
    void unsupportedDtypeNamesTheTensorAndType() throws IOException {
        Path p = raw("i.safetensors", "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("ids") && e.problem().contains("I64"), e.getMessage());
    }

    @Test
    void byteCountThatDisagreesWithShapeIsRefused() throws IOException {
        Path p = raw("s.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", new byte[12]);
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("16"), e.getMessage());
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        Path p = raw("o.safetensors",
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
    }

    @Test
    void missingTensorIsAClearError() throws IOException {
        Path p = dir.resolve("m.safetensors");
        new SafeTensorsWriter().add("present", new float[] {1}, 1).write(p);
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            var e = assertThrows(ModelFormatException.class, () -> f.readFloats("absent"));
            assertTrue(e.problem().contains("absent"), e.getMessage());
        }
    }

    @Test
    void missingFileIsAClearError() {
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(dir.resolve("nope.safetensors")));
        assertTrue(e.problem().contains("does not exist"), e.getMessage());
    }

    // ----- regressions from issue 16: each case refused (or accepted) as HuggingFace's reader does

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    private ModelFormatException refused(String header, int dataBytes) throws IOException {
        Path p = raw("r.safetensors", header, new byte[dataBytes]);
        return assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
    }

    @Test
    void shapeWhoseElementCountOverflowsIsAFormatErrorNamingTheTensor() throws IOException {
        var e = refused("{" + entry("huge", "F32", "[1099511627776,1099511627776]", "[0,0]") + "}", 0);
        assertTrue(e.problem().contains("'huge'") && e.problem().contains("overflows"), e.getMessage());
        // 2^40 * 2^40 wraps to 0 in 64 bits, and a 0 dimension would make the product 0 again: still refused
        e = refused("{" + entry("wraps", "F32", "[1099511627776,1099511627776,0]", "[0,0]") + "}", 0);
        assertTrue(e.problem().contains("'wraps'"), e.getMessage());
    }

    @Test
    void dataOffsetsBeyondTwoToTheSixtyThreeAreRefused() throws IOException {
        // 2^64 + 0 would wrap to 0 if read as a long
        var e = refused("{" + entry("w", "F32", "[1]", "[18446744073709551616,18446744073709551620]") + "}", 4);
        assertTrue(e.problem().contains("'w'") && e.problem().contains("offsets"), e.getMessage());
    }

    @Test
    void fractionalShapeIsRefused() throws IOException {
        var e = refused("{" + entry("w", "F32", "[2.5]", "[0,10]") + "}", 10);
        assertTrue(e.problem().contains("2.5"), e.getMessage());
        refused("{" + entry("w", "F32", "[2.0]", "[0,8]") + "}", 8);
        refused("{" + entry("w", "F32", "[\"2\"]", "[0,8]") + "}", 8);
        refused("{" + entry("w", "F32", "[2]", "[0.0,8]") + "}", 8);
    }

    @Test
    void duplicateTensorNamesAreRefused() throws IOException {
        var e = refused("{" + entry("w", "F32", "[1]", "[0,4]") + "," + entry("w", "F32", "[1]", "[4,8]") + "}", 8);
        assertTrue(e.problem().contains("twice") && e.problem().contains("'w'"), e.getMessage());
    }

    @Test
    void metadataThatIsNotStringToStringIsRefused() throws IOException {
        String t = entry("w", "F32", "[1]", "[0,4]");
        assertTrue(refused("{\"__metadata__\":{\"format\":1}," + t + "}", 4).problem().contains("__metadata__"));
        assertTrue(refused("{\"__metadata__\":[\"pt\"]," + t + "}", 4).problem().contains("__metadata__"));
        assertTrue(refused("{\"__metadata__\":{\"a\":{\"b\":\"c\"}}," + t + "}", 4).problem().contains("__metadata__"));
        Path ok = raw("ok.safetensors", "{\"__metadata__\":{\"format\":\"pt\",\"x\":\"\"}," + t + "}", new byte[4]);
        try (SafeTensorsFile f = SafeTensorsFile.open(ok)) {
            assertEquals("", f.metadata().get("x"));
        }
    }

    @Test
    void unknownDtypeIsRefusedEvenOnATensorNoModelUses() throws IOException {
        var e = refused("{" + entry("used", "F32", "[1]", "[0,4]") + "," + entry("unused", "Q7", "[1]", "[4,5]") + "}", 5);
        assertTrue(e.problem().contains("'unused'") && e.problem().contains("Q7"), e.getMessage());
    }

    @Test
    void lowerCaseDtypeIsRefused() throws IOException {
        var e = refused("{" + entry("w", "f32", "[1]", "[0,4]") + "}", 4);
        assertTrue(e.problem().contains("f32") && e.problem().contains("upper case"), e.getMessage());
    }

    @Test
    void bytesNoTensorCoversAreRefused() throws IOException {
        // after the last tensor
        var e = refused("{" + entry("w", "F32", "[1]", "[0,4]") + "}", 8);
        assertTrue(e.problem().contains("4 bytes") && e.problem().contains("no tensor covers"), e.getMessage());
        // a gap between two tensors
        e = refused("{" + entry("a", "F32", "[1]", "[0,4]") + "," + entry("b", "F32", "[1]", "[8,12]") + "}", 12);
        assertTrue(e.problem().contains("'b'") && e.problem().contains("covered by no tensor"), e.getMessage());
        // before the first tensor
        refused("{" + entry("a", "F32", "[1]", "[4,8]") + "}", 8);
    }

    @Test
    void zeroSizeTensorAtTheOffsetOfTheNextIsAccepted() throws IOException {
        Path p = raw("z.safetensors", "{" + entry("empty", "F32", "[0,3]", "[4,4]") + "," + entry("a", "F32", "[1]", "[0,4]")
                + "," + entry("b", "F32", "[1]", "[4,8]") + "," + entry("tail", "F16", "[0]", "[8,8]") + "}", new byte[8]);
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            assertEquals(0, f.readFloats("empty").length);
            assertEquals(0, f.readFloats("tail").length);
            assertEquals(1, f.readFloats("b").length);
        }
    }

    @Test
    void reversedOffsetsAndNegativeOffsetsAreRefused() throws IOException {
        refused("{" + entry("w", "F32", "[1]", "[4,0]") + "}", 4);
        refused("{" + entry("w", "F32", "[1]", "[-4,0]") + "}", 4);
    }

    @Test
    void headerThatIsNotUtf8IsRefused() throws IOException {
        Path p = dir.resolve("u.safetensors");
        byte[] h = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put(h);
        Files.write(p, b.array());
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(p));
        assertTrue(e.problem().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aFolderOrPipeNamedLikeAWeightsFileIsRefusedWithoutBlocking() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("model.safetensors"));
        var e = assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(folder));
        assertTrue(e.problem().contains("folder"), e.getMessage());
        Path fifo = dir.resolve("fifo.safetensors");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        var f = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(ModelFormatException.class, () -> SafeTensorsFile.open(fifo)));
        assertTrue(f.problem().contains("not a regular file"), f.getMessage());
    }
}
