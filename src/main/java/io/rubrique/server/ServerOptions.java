package io.rubrique.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How to serve: bind address, port (0 picks a free one), bearer token (null when none), request body limit and
 * how long a graceful stop waits for in-flight requests.
 */
public record ServerOptions(String host, int port, String token, int maxBodyBytes, Duration drainTimeout) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    public ServerOptions {
        token = token == null || token.isEmpty() ? null : token;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not in 0..65535");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
    }

    /** Loopback defaults: 127.0.0.1, the given port, no token, 1 MiB bodies, 10 s drain. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions(DEFAULT_HOST, port, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_DRAIN);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, token, maxBodyBytes, drainTimeout);
    }

    public ServerOptions withToken(String newToken) {
        return new ServerOptions(host, port, newToken, maxBodyBytes, drainTimeout);
    }

    /** True when {@code host} resolves to a loopback address (127.0.0.0/8, ::1, "localhost"). */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host: cannot resolve '" + host + "': " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to expose the API beyond this machine without a token.
     *
     * @throws IllegalArgumentException naming the host and the environment variable to set
     */
    public void requireTokenUnlessLoopback(String tokenEnvName) {
        if (token == null && !loopbackOnly()) {
            throw new IllegalArgumentException("refusing to serve on non-loopback address " + host
                    + " without a bearer token: set the environment variable " + tokenEnvName
                    + " (or bind to 127.0.0.1)");
        }
    }
}
