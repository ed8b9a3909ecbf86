package io.rubrique.server;

import io.rubrique.util.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured token in constant time: both sides are
 * hashed first, so neither the content nor the length of the token leaks through timing.
 */
public final class BearerAuth {
    private static final String PREFIX = "Bearer ";
    private final byte[] expectedDigest;

    /** @param token the expected token; null or empty means no token is configured */
    public BearerAuth(String token) {
        this.expectedDigest = token == null || token.isEmpty() ? null : digest(token);
    }

    public boolean configured() {
        return expectedDigest != null;
    }

    /** True when a token is configured and the header carries exactly it. */
    public boolean accepts(String authorizationHeader) {
        if (expectedDigest == null || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String presented = authorizationHeader.substring(PREFIX.length()).trim();
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String s) {
        return Hashing.sha256().digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
