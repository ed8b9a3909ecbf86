package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The same-origin rules of {@link HttpLayer}: which Host names loopback, which Origin is this server's. */
class OriginsTest {
    @Test
    void loopbackHostsWithOrWithoutPortAreAcceptedAndRebindableNamesAreNot() {
        for (String h : new String[] {"127.0.0.1", "127.0.0.1:8081", "localhost:8081", "LOCALHOST", "[::1]:8081",
            "127.1.2.3:80"}) {
            assertTrue(Origins.isLoopbackHost(h), h);
        }
        for (String h : new String[] {"evil.example:8081", "127.0.0.1.evil.example", "localhost.evil.example",
            "[::2]:8081", "127.0.0.256", "0.0.0.0:8081", ""}) {
            assertFalse(Origins.isLoopbackHost(h), h);
        }
    }

    @Test
    void anOriginMatchesOnlyTheHostAndPortTheRequestWasAddressedTo() {
        assertTrue(Origins.sameOrigin("http://127.0.0.1:8081", "127.0.0.1:8081"));
        assertTrue(Origins.sameOrigin("http://[::1]:8081", "[::1]:8081"));
        assertTrue(Origins.sameOrigin("http://localhost", "localhost"));
        assertFalse(Origins.sameOrigin("http://127.0.0.2:8081", "127.0.0.1:8081"), "another loopback address");
        assertFalse(Origins.sameOrigin("http://127.0.0.1:9999", "127.0.0.1:8081"), "another port");
        assertFalse(Origins.sameOrigin("null", "127.0.0.1:8081"), "a sandboxed frame or a file");
        assertFalse(Origins.sameOrigin("https://evil.example", "127.0.0.1:8081"));
        assertFalse(Origins.sameOrigin("http://127.0.0.1:8081", null));
    }
}
