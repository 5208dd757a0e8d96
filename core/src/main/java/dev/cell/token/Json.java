package dev.cell.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One shared Jackson mapper; token payloads and responses are written with its streaming generator, without reflection.
 * Its buffers come from a shared pool: Jackson's default pool is per thread, and every virtual thread would start empty.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build());

    private Json() {}

    /** Writes one JSON document through {@code body} and returns its UTF-8 bytes. */
    public static byte[] write(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes fields with a generator. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator g) throws IOException;
    }
}
