package io.rubrique.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.RequestLogger;
import io.javalin.json.JavalinJackson;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one hardened HTTP layer under {@code rubrique serve} and {@code rubrique label} (Javalin on Jetty): every
 * response to a refused request is a JSON error {@code {"error": {code, message}}} (Jetty's own, 404, 405 and 413
 * included); bodies are read up to a limit whatever their framing (a chunked body is counted as it arrives, never
 * buffered whole); idle timeout, minimum body data rate and a connection bound keep slow clients from stalling the
 * server; and before any route runs, a request must name this server as its {@code Host} when it listens on
 * loopback (DNS rebinding), come from this server's origin when it carries an {@code Origin}, carry the bearer
 * token when one is configured, and, for writes when a page token is configured, the page's CSRF token header.
 */
public final class HttpLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpLayer.class);
    public static final String JSON = "application/json";
    /** The header the labelling page sends with every write, carrying its per-session token. */
    public static final String CSRF_HEADER = "X-Rubrique-Csrf";
    private static final int MIN_THREADS = 8;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** What a request must prove before its route runs, and what a 404 points to. */
    public record Policy(Set<String> openPaths, String csrfToken, String routeHint) {
        public Policy {
            openPaths = Set.copyOf(openPaths);
            routeHint = routeHint == null ? "" : routeHint;
        }
    }

    private final ServerOptions options;
    private final Policy policy;
    private final BearerAuth auth;
    private final BearerAuth csrf;
    private final Map<String, Set<String>> routes;
    private final Javalin app;

    private HttpLayer(Builder b) {
        this.options = b.options;
        this.policy = new Policy(b.openPaths, b.csrfToken, b.routeHint);
        this.auth = new BearerAuth(options.token());
        this.csrf = new BearerAuth(b.csrfToken);
        Map<String, Set<String>> r = new LinkedHashMap<>();
        b.routes.forEach(x -> r.computeIfAbsent(x.path(), p -> new LinkedHashSet<>()).add(x.method().name()));
        this.routes = Collections.unmodifiableMap(r);
        this.app = Javalin.create(config -> configure(config, b));
    }

    public static Builder builder(ServerOptions options) {
        return new Builder(options);
    }

    /** Collects the routes and hooks of one server; {@link #build()} makes the layer. */
    public static final class Builder {
        private final ServerOptions options;
        private final List<Route> routes = new ArrayList<>();
        private final List<Handler> befores = new ArrayList<>();
        private final Map<Class<? extends Exception>, ExceptionHandler<? super Exception>> exceptions =
                new LinkedHashMap<>();
        private final Set<String> openPaths = new LinkedHashSet<>();
        private String csrfToken;
        private String routeHint = "";
        private RequestLogger requestLogger;

        private Builder(ServerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        public Builder route(HandlerType method, String path, Handler handler) {
            routes.add(new Route(method, path, handler));
            return this;
        }

        /** Runs before every route, after the layer's own checks. */
        public Builder before(Handler handler) {
            befores.add(handler);
            return this;
        }

        /** A path that needs no bearer token (the page itself, a health check). */
        public Builder openPath(String path) {
            openPaths.add(path);
            return this;
        }

        /** Requires {@value #CSRF_HEADER} with this token on every write. */
        public Builder csrfToken(String token) {
            this.csrfToken = token;
            return this;
        }

        /** Appended to 404 and 405 messages, e.g. {@code "; see /openapi.json"}. */
        public Builder routeHint(String hint) {
            this.routeHint = hint;
            return this;
        }

        public Builder requestLogger(RequestLogger logger) {
            this.requestLogger = logger;
            return this;
        }

        @SuppressWarnings("unchecked")
        public <E extends Exception> Builder exception(Class<E> type, ExceptionHandler<? super E> handler) {
            exceptions.put(type, (ExceptionHandler<? super Exception>) (ExceptionHandler<?>) handler);
            return this;
        }

        public HttpLayer build() {
            return new HttpLayer(this);
        }
    }

    private record Route(HandlerType method, String path, Handler handler) {
    }

    private void configure(JavalinConfig config, Builder b) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.jsonMapper(new JavalinJackson(Json.mapper(), false));
        config.router.ignoreTrailingSlashes = false;
        config.http.maxRequestSize = options.maxBodyBytes();
        ServerOptions.Limits limits = options.limits();
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), MIN_THREADS, 60_000);
        threads.setName("JettyServerThreadPool");
        config.jetty.threadPool = threads;
        config.jetty.addConnector((server, http) -> connector(server, http, options));
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(options.drainTimeout().toMillis());
            server.setErrorHandler(new JsonErrorHandler());
            // A stop waits for requests in flight (up to the stop timeout) instead of cutting them.
            server.insertHandler(new GracefulHandler());
        });
        config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyHttpConfiguration(http -> {
            // Jetty's per-connection header cache matches values case-insensitively by default, so a second
            // "Authorization: Bearer aBc" on a connection could be read as an earlier "Bearer abc".
            http.setHeaderCacheCaseSensitive(true);
            http.setIdleTimeout(limits.idleTimeout().toMillis());
            // Checked at each read of the body: a trickled body fails with 408 instead of holding its thread.
            http.setMinRequestDataRate(limits.minRequestDataRate());
            // A request whose body has not started arriving waits without a thread.
            http.setDelayDispatchUntilContent(true);
        });
        if (b.requestLogger != null) {
            config.requestLogger.http(b.requestLogger);
        }
        config.routes.before(this::guard);
        b.befores.forEach(config.routes::before);
        for (Route r : b.routes) {
            config.routes.addHttpHandler(r.method(), r.path(), r.handler());
        }
        b.exceptions.forEach((type, handler) -> config.routes.exception(type, handler));
        config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(),
                e.details()));
        config.routes.exception(HttpResponseException.class, this::httpError);
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.req().getMethod(), ctx.path(), e);
            error(ctx, 500, "internal_error", "internal error; the server log has the details", List.of());
        });
    }

    /**
     * The one HTTP connector: bound as configured, with the idle timeout, and limited to {@code maxConnections}
     * (beyond it Jetty stops accepting, and idle connections are closed sooner).
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, ServerOptions options) {
        ServerOptions.Limits limits = options.limits();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), connector);
        limit.setEndPointIdleTimeout(limits.limitedIdleTimeout().toMillis());
        server.addBean(limit);
        return connector;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when bound beyond loopback without a token, or when the address is taken
     *     (one line naming host and port, no stack trace)
     */
    public HttpLayer start() {
        if (!auth.configured() && !options.loopbackOnly()) {
            throw new IllegalStateException("refusing to serve on non-loopback address " + options.host()
                    + " without a bearer token");
        }
        requirePortFree();
        try {
            app.start();
        } catch (RuntimeException e) {
            stopQuietly();
            if (hasCause(e, BindException.class) || String.valueOf(e.getMessage()).contains("in use")) {
                throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
                        + ": the address is already in use (pick another --port, or stop what holds it)", e);
            }
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Fails with one line when the port is taken, before Javalin would log its own error: a bind and release on the
     * same address (the start below still reports the rare port taken in between).
     */
    private void requirePortFree() {
        if (options.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(options.host(), options.port()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
                    + ": the address is already in use (pick another --port, or stop what holds it)", e);
        }
    }

    private void stopQuietly() {
        try {
            app.jettyServer().server().stop();
        } catch (Exception ignored) {
            // nothing was serving
        }
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Stops accepting connections and lets requests in flight finish within the drain timeout.
     *
     * @return false when the drain ran out of time and the connections still busy were closed
     */
    public boolean stop() {
        Server jetty = app.jettyServer().server();
        try {
            jetty.stop();
            return true;
        } catch (Exception e) {
            if (hasCause(e, TimeoutException.class)) {
                return false;
            }
            throw new IllegalStateException("cannot stop the HTTP server: " + e, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Every route: path to its methods. */
    public Map<String, Set<String>> routes() {
        return routes;
    }

    /** Host (loopback only), Origin, bearer token and CSRF token, in that order; refuses with a JSON 4xx. */
    private void guard(Context ctx) {
        if (ctx.header("X-HTTP-Method-Override") != null) {
            throw new ApiException(400, "bad_request", "X-HTTP-Method-Override is not accepted; send the method");
        }
        String host = ctx.header("Host");
        if (options.loopbackOnly() && (host == null || !Origins.isLoopbackHost(host))) {
            throw new ApiException(403, "foreign_host", "this server only answers requests addressed to "
                    + "127.0.0.1, [::1] or localhost (Host was " + (host == null ? "missing" : "'" + host + "'")
                    + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !Origins.sameOrigin(origin, host)) {
            throw new ApiException(403, "cross_origin", "requests from another origin (" + origin
                    + ") are refused");
        }
        if (auth.configured() && !policy.openPaths().contains(ctx.path())
                && !auth.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized",
                    "missing or invalid bearer token: send 'Authorization: Bearer <token>'");
        }
        if (csrf.configured() && !SAFE_METHODS.contains(ctx.req().getMethod())
                && !csrf.accepts("Bearer " + Objects.requireNonNullElse(ctx.header(CSRF_HEADER), ""))) {
            throw new ApiException(403, "csrf_token", "missing or wrong " + CSRF_HEADER
                    + " header: writes must come from the labelling page (reload it)");
        }
    }

    /** Javalin's own refusals (no route, wrong method, body over its limit) in the JSON error shape. */
    private void httpError(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 404) {
            notFoundOrWrongMethod(ctx);
        } else {
            error(ctx, e.getStatus(), ErrorBodies.codeFor(e.getStatus()), e.getMessage(), List.of());
        }
    }

    private void notFoundOrWrongMethod(Context ctx) {
        Set<String> allowed = routes.get(ctx.path());
        String method = ctx.req().getMethod();
        if (allowed != null && !allowed.contains(method)) {
            ctx.header("Allow", String.join(", ", allowed));
            error(ctx, 405, "method_not_allowed", method + " is not allowed on " + ctx.path() + " (allowed: "
                    + String.join(", ", allowed) + ")", List.of());
        } else if (allowed == null && !allMethods().contains(method)) {
            error(ctx, 405, "method_not_allowed", method + " is not allowed: this server answers "
                    + String.join(" and ", allMethods()) + " only" + policy.routeHint(), List.of());
        } else {
            error(ctx, 404, "not_found", "no route " + method + " " + ctx.path() + policy.routeHint(), List.of());
        }
    }

    private Set<String> allMethods() {
        Set<String> all = new TreeSet<>();
        routes.values().forEach(all::addAll);
        return all;
    }

    /**
     * The request body, at most {@code maxBodyBytes} whatever its framing, after checking its media type (an
     * {@code optional} body may be empty whatever its Content-Type). A body over the limit is answered 413 after
     * at most the limit's worth of reading, and its connection is closed.
     */
    public byte[] body(Context ctx, boolean optional) {
        long declared = ctx.req().getContentLengthLong();
        int max = options.maxBodyBytes();
        if (declared > max) {
            throw tooLarge(ctx, max);
        }
        if (!optional) {
            requireJsonContentType(ctx);
        }
        byte[] body;
        try {
            InputStream in = ctx.req().getInputStream();
            if (declared >= 0) {
                // Exactly the declared length, without one more read for the end: Jetty checks the minimum data
                // rate at the start of every read, and a read after a small body has fully arrived would fail
                // it whenever this thread was descheduled for longer than length / rate.
                body = new byte[(int) declared];
                int got = in.readNBytes(body, 0, body.length);
                if (got < body.length) {
                    throw new ApiException(400, "bad_request", "the request body ended after " + got + " of its "
                            + declared + " declared bytes");
                }
            } else {
                // Chunked (or unframed): count as it arrives, one byte past the limit at most.
                body = in.readNBytes(max + 1);
                if (body.length > max) {
                    throw tooLarge(ctx, max);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw unreadable(ctx, e);
        }
        if (optional && body.length > 0) {
            requireJsonContentType(ctx);
        }
        return body;
    }

    private ApiException unreadable(Context ctx, Exception e) {
        ctx.header("Connection", "close");
        HttpException http = cause(e, HttpException.class);
        if (http != null && http.getCode() == 408) {
            return new ApiException(408, "request_timeout", "the request body arrived slower than "
                    + options.limits().minRequestDataRate() + " bytes/s; send it faster");
        }
        if (hasCause(e, TimeoutException.class)) {
            return new ApiException(408, "request_timeout", "the request body stopped arriving for longer than"
                    + " the idle timeout (" + options.limits().idleTimeout().toSeconds() + " s)");
        }
        if (http != null && http.getCode() == 413) {
            return new ApiException(413, "payload_too_large", "request body exceeds " + options.maxBodyBytes()
                    + " bytes");
        }
        if (e instanceof RuntimeException r && http == null && !(e instanceof IllegalStateException)) {
            throw r;
        }
        return new ApiException(400, "bad_request", "the request body is malformed or ended early");
    }

    /**
     * 413 with Connection: close, after dropping what has already arrived (at most the limit's worth, never waiting
     * for more), so that the client can read the answer before the connection closes.
     */
    private static ApiException tooLarge(Context ctx, int max) {
        ctx.header("Connection", "close");
        try {
            InputStream in = ctx.req().getInputStream();
            long dropped = 0;
            byte[] sink = new byte[8192];
            int ready;
            while (dropped < max && (ready = in.available()) > 0) {
                int n = in.read(sink, 0, Math.min(sink.length, ready));
                if (n < 0) {
                    break;
                }
                dropped += n;
            }
        } catch (IOException | RuntimeException e) {
            // End of input or a closed connection: either way there is nothing left to drop.
        }
        return new ApiException(413, "payload_too_large", "request body exceeds " + max + " bytes");
    }

    private static void requireJsonContentType(Context ctx) {
        String ct = ctx.header("Content-Type");
        String media = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON.equals(media)) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json, got "
                    + (ct == null ? "none" : "'" + ct + "'"));
        }
    }

    /** Writes a JSON body with its status. */
    public static void json(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    /** Writes the JSON error shape. */
    public static void error(Context ctx, int status, String code, String message, List<String> details) {
        ctx.status(status).contentType(JSON).result(ErrorBodies.of(code, message, details));
    }

    static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable s : t.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }
}
