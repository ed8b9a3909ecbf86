package io.rubrique.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How to serve: bind address, port (0 picks a free one), bearer token (null when none; stripped of surrounding
 * white space, and refused when blank), request body limit, how
 * long a graceful stop waits for in-flight requests, and the connection limits that keep slow clients from
 * taking the server away from everyone else.
 */
public record ServerOptions(String host, int port, String token, int maxBodyBytes, Duration drainTimeout,
        Limits limits) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    public ServerOptions {
        if (token != null) {
            // Tokens come from environment variables, where stray spaces and newlines are common.
            token = token.strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the bearer token is blank: set a non-blank token, or none");
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not in 0..65535");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    /** Options with the default {@link Limits}. */
    public ServerOptions(String host, int port, String token, int maxBodyBytes, Duration drainTimeout) {
        this(host, port, token, maxBodyBytes, drainTimeout, Limits.DEFAULTS);
    }

    /** Loopback defaults: 127.0.0.1, the given port, no token, 1 MiB bodies, 10 s drain, default limits. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions(DEFAULT_HOST, port, null, DEFAULT_MAX_BODY_BYTES, DEFAULT_DRAIN);
    }

    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, token, maxBodyBytes, drainTimeout, limits);
    }

    public ServerOptions withToken(String newToken) {
        return new ServerOptions(host, port, newToken, maxBodyBytes, drainTimeout, limits);
    }

    public ServerOptions withDrainTimeout(Duration newDrainTimeout) {
        return new ServerOptions(host, port, token, maxBodyBytes, newDrainTimeout, limits);
    }

    public ServerOptions withLimits(Limits newLimits) {
        return new ServerOptions(host, port, token, maxBodyBytes, drainTimeout, newLimits);
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

    /**
     * What one client may hold, so that slow or idle clients cannot stall the server.
     *
     * <ul>
     *   <li>{@code idleTimeout}: a connection on which nothing arrives (or nothing can be sent) for this long is
     *       closed; this also bounds a client that sends its headers and then nothing.</li>
     *   <li>{@code minRequestDataRate}: bytes per second a request body must keep up once it has started; a body
     *       trickled slower is answered 408 and its connection closed.</li>
     *   <li>{@code maxConnections}: open connections at most; beyond it new ones wait in the kernel's accept
     *       queue, and idle connections are closed sooner to make room.</li>
     * </ul>
     *
     * The request thread pool is sized from {@code maxConnections} (see {@link #maxThreads()}): an HTTP/1.1
     * connection holds at most one request thread, so slow clients can use up connection slots, each for a bounded
     * time, but never the threads that other connections need.
     */
    public record Limits(Duration idleTimeout, long minRequestDataRate, int maxConnections) {
        /** 30 s idle, 1 KiB/s, 512 connections. */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), 1024, 512);
        /** Threads beyond one per connection: Jetty's selectors, acceptor and reserved threads. */
        static final int THREAD_HEADROOM = 32;

        public Limits {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
            }
            if (minRequestDataRate < 0) {
                throw new IllegalArgumentException("minRequestDataRate must be >= 0 (0: none), got "
                        + minRequestDataRate);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
            }
        }

        /** The request thread pool's size: one thread per connection plus Jetty's own. */
        public int maxThreads() {
            return maxConnections + THREAD_HEADROOM;
        }

        /** How soon idle connections are closed while the connection limit is reached. */
        public Duration limitedIdleTimeout() {
            Duration cap = Duration.ofSeconds(2);
            return idleTimeout.compareTo(cap) < 0 ? idleTimeout : cap;
        }
    }
}
