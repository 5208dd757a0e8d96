package dev.cell.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One shared Jackson mapper; token payloads and responses are written with its streaming generator, without reflection. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(pooledFactory());

    private Json() {}

    /**
     * A JSON factory whose buffers come from a pool shared by all threads: Jackson's default pool is per thread, and
     * requests run on virtual threads, each of which would start with an empty one. One per mapper.
     */
    public static JsonFactory pooledFactory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
    }

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
