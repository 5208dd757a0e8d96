package dev.cell.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Binds the {@code assertions.*} and {@code jwt-bearer.*} keys (RFC 7523), with their bounds. */
final class AssertionConfig {
    private static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_FETCH_TIMEOUT = Duration.ofSeconds(30);

    private AssertionConfig() {}

    static CellConfig.Assertions assertions(Settings s) {
        CellConfig.Assertions a = new CellConfig.Assertions(s.duration("assertions.max-lifetime"), s.duration("assertions.clock-skew"),
                s.duration("assertions.jwks-fetch-timeout"), s.integer("assertions.jwks-max-bytes", 1024, 1024 * 1024),
                s.duration("assertions.jwks-cache-lifetime"), s.duration("assertions.jwks-min-refetch-interval"));
        atMost("assertions.max-lifetime", a.maxLifetime(), MAX_LIFETIME);
        atMost("assertions.clock-skew", a.clockSkew(), MAX_SKEW);
        atMost("assertions.jwks-fetch-timeout", a.jwksFetchTimeout(), MAX_FETCH_TIMEOUT);
        return a;
    }

    static CellConfig.JwtBearer jwtBearer(Settings s) {
        String file = s.optional("jwt-bearer.trust-file");
        return new CellConfig.JwtBearer(file == null ? List.of() : JwtBearerTrustFile.read(Path.of(file)));
    }

    private static void atMost(String path, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            throw new ConfigException(path + ": at most " + Durations.format(max) + ", not " + Durations.format(value));
        }
    }
}
