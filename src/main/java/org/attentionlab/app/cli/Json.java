package org.attentionlab.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;

/** JSON on stdout for the CLI: one object per run, floats as JSON numbers. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} (maps, lists, arrays, records) followed by a newline. */
    public static void print(PrintStream out, Object value) throws IOException {
        MAPPER.writeValue(out, value);
        out.println();
        out.flush();
    }
}
