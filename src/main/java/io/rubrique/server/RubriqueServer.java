package io.rubrique.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.rubrique.data.Snippet;
import io.rubrique.model.ModelLoadException;
import io.rubrique.model.Tagging;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.MultiException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code rubrique serve} on Javalin/Jetty: classify, batch classify, model, health, metrics,
 * OpenAPI and admin reload. Every error, including Jetty's own, is a JSON body {@code {"error": {code, message}}};
 * each request captures the served model once, so a reload never changes the model under a running request.
 */
public final class RubriqueServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RubriqueServer.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String HEALTH = "/health";
    /** How much of an oversize body is read and dropped so the client can see the 413 before the close. */
    private static final long OVERSIZE_DRAIN_BYTES = 8L << 20;
    private static final int MIN_THREADS = 8;
    /** How long before the drain deadline requests give up, leaving time to send their 503. */
    private static final long STOP_GRACE_MILLIS = 500;

    private final ServerOptions options;
    private final ModelHolder models;
    private final BearerAuth auth;
    private final Metrics metrics;
    private final ObjectMapper mapper = Json.mapper();
    private final RequestParser parser = new RequestParser(mapper);
    private final OpenApiDocument openApi;
    private final Map<String, Set<String>> routes = new LinkedHashMap<>();
    private final Javalin app;
    private final AtomicReference<ModelDocuments> documents = new AtomicReference<>();
    /** Set once by the first {@link #stop()}, after {@link #requestDeadline}. */
    private volatile boolean stopping;
    /** When requests still running should give up with a 503 (System.nanoTime() scale). */
    private volatile long requestDeadline;

    public RubriqueServer(ServerOptions options, ModelHolder models) {
        this.options = Objects.requireNonNull(options, "options");
        this.models = Objects.requireNonNull(models, "models");
        this.auth = new BearerAuth(options.token());
        this.metrics = new Metrics(() -> models.current().ref());
        this.openApi = new OpenApiDocument(mapper, "/openapi.json");
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
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
            });
            config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyHttpConfiguration(http -> {
                // Jetty's per-connection header cache matches values case-insensitively by default, so a second
                // "Authorization: Bearer aBc" on a connection could be read as an earlier "Bearer abc".
                http.setHeaderCacheCaseSensitive(true);
                http.setIdleTimeout(limits.idleTimeout().toMillis());
                // Checked at each read of the body, from its first byte on: a trickled body fails with 408
                // within about a second instead of holding its thread for as long as the client likes.
                http.setMinRequestDataRate(limits.minRequestDataRate());
                // A request whose body has not started arriving waits without a thread.
                http.setDelayDispatchUntilContent(true);
            });
            config.requestLogger.http((ctx, ms) -> metrics.observe(routeLabel(ctx), ctx.method().name(),
                    ctx.statusCode(), (long) (ms * 1_000_000.0)));
        });
        route(HandlerType.POST, "/v1/classify", this::classify);
        route(HandlerType.POST, "/v1/classify/batch", this::classifyBatch);
        route(HandlerType.POST, "/v1/quantify", ctx -> writeJson(ctx, 200,
                QuantifyRequest.read(parser.tree(jsonBody(ctx, false))).run(models.current().tagger())));
        route(HandlerType.GET, "/v1/model", this::model);
        route(HandlerType.POST, "/v1/admin/reload", this::reload);
        route(HandlerType.GET, HEALTH, this::health);
        route(HandlerType.GET, "/metrics", ctx -> ctx.contentType(PROMETHEUS).result(metrics.render()));
        route(HandlerType.GET, "/openapi.json", ctx -> ctx.contentType(JSON).result(
                documents(models.current()).openApi()));
        app.before(this::refuseWhileStopping);
        app.before(this::authenticate);
        app.exception(ApiException.class, (e, ctx) -> writeError(ctx, e.status(), e.code(), e.getMessage(),
                e.details()));
        app.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx, e.getStatus(),
                ErrorBodies.codeFor(e.getStatus()), e.getMessage(), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            writeError(ctx, 500, "internal_error", "internal error; the server log has the details", List.of());
        });
        app.error(404, this::notFoundOrWrongMethod);
    }

    /**
     * The one HTTP connector: bound as configured, with the idle timeout, and limited to
     * {@code maxConnections} (beyond it Jetty stops accepting, and closes idle connections sooner).
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, ServerOptions options) {
        ServerOptions.Limits limits = options.limits();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        ConnectionLimit limit = new ConnectionLimit(limits.maxConnections(), connector);
        limit.setIdleTimeout(limits.limitedIdleTimeout().toMillis());
        server.addBean(limit);
        return connector;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when bound beyond loopback without a token, or when the port is taken
     */
    public RubriqueServer start() {
        if (!auth.configured() && !options.loopbackOnly()) {
            throw new IllegalStateException("refusing to serve on non-loopback address " + options.host()
                    + " without a bearer token");
        }
        app.start();
        ServedModel m = models.current();
        LOG.info("serving model {} (sha256 {}) from {} on http://{}:{}", m.ref().name(), m.ref().sha256(),
                m.dir(), options.host(), port());
        return this;
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Stops accepting connections and answers new requests 503, lets in-flight requests finish within the drain
     * timeout (a batch that cannot finish answers 503 just before it), then stops; requests still running at the
     * deadline have their connections closed. Never throws because the drain ran out of time.
     */
    public void stop() {
        long drainMillis = options.drainTimeout().toMillis();
        synchronized (this) {
            if (!stopping) {
                // Requests check this deadline, a little before Jetty gives up on them, so that a batch which
                // cannot finish still has time to send its 503.
                long grace = Math.min(STOP_GRACE_MILLIS, drainMillis / 2);
                requestDeadline = System.nanoTime() + (drainMillis - grace) * 1_000_000L;
                stopping = true;
            }
        }
        // Jetty's own stop rather than Javalin's: Javalin logs a failed graceful stop with its stack trace and
        // rethrows it, and a drain that runs out of time is an expected outcome here, not an error.
        Server jetty = app.jettyServer().server();
        try {
            jetty.stop();
        } catch (Exception e) {
            if (!isTimeout(e)) {
                throw new IllegalStateException("cannot stop the HTTP server: " + e, e);
            }
            LOG.warn("drain timeout ({} ms) passed with requests still running; their connections were closed",
                    drainMillis);
        }
    }

    /** True from the first {@link #stop()} on: new requests are refused with 503. */
    public boolean stopping() {
        return stopping;
    }

    private static boolean isTimeout(Throwable e) {
        if (e instanceof MultiException m) {
            return !m.getThrowables().isEmpty() && m.getThrowables().stream().allMatch(RubriqueServer::isTimeout);
        }
        return e instanceof TimeoutException;
    }

    /** Past the stop deadline: what a long request checks between steps. */
    private boolean pastStopDeadline() {
        return stopping && System.nanoTime() - requestDeadline >= 0;
    }

    private void refuseWhileStopping(Context ctx) {
        if (stopping()) {
            ctx.header("Connection", "close");
            throw shuttingDown("the server is shutting down; retry on another instance or once it is back");
        }
    }

    private static ApiException shuttingDown(String message) {
        return new ApiException(503, "shutting_down", message);
    }

    @Override
    public void close() {
        stop();
    }

    public ModelHolder models() {
        return models;
    }

    /** Every route: path to its methods. What the OpenAPI document must describe, exactly. */
    public Map<String, Set<String>> routes() {
        return Collections.unmodifiableMap(routes);
    }

    private void route(HandlerType method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.name());
        app.addHttpHandler(method, path, handler);
    }

    private void authenticate(Context ctx) {
        if (auth.configured() && !HEALTH.equals(ctx.path()) && !auth.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized",
                    "missing or invalid bearer token: send 'Authorization: Bearer <token>'");
        }
    }

    private void classify(Context ctx) {
        ServedModel m = models.current();
        boolean explain = explainParameter(ctx);
        Snippet s = parser.classify(jsonBody(ctx, false));
        Tagging t = m.tagger().tag(s.title(), s.text());
        writeJson(ctx, 200, new ApiResponses.Classify(t.topics(), t.scores().toMap(),
                explain ? ApiResponses.explanation(m.tagger(), s.title(), s.text()) : null, m.ref()));
    }

    private void classifyBatch(Context ctx) {
        ServedModel m = models.current();
        boolean explain = explainParameter(ctx);
        List<Snippet> items = parser.batch(jsonBody(ctx, false));
        List<ApiResponses.BatchResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            // Item by item (what TopicTagger.tagAll does by default), so that a stop can end a long batch with
            // a 503 before the drain deadline instead of having its connection cut.
            if (pastStopDeadline()) {
                ctx.header("Connection", "close");
                throw shuttingDown("the server is shutting down and this batch could not finish before the drain"
                        + " deadline (" + i + " of " + items.size() + " items tagged); retry it elsewhere");
            }
            Snippet s = items.get(i);
            Tagging t = m.tagger().tag(s.title(), s.text());
            results.add(new ApiResponses.BatchResult(s.id(), t.topics(), t.scores().toMap(),
                    explain ? ApiResponses.explanation(m.tagger(), s.title(), s.text()) : null));
        }
        writeJson(ctx, 200, new ApiResponses.Batch(results, m.ref()));
    }

    /** {@code ?explain=true|false} (absent: false); anything else is a 422 naming the parameter. */
    private static boolean explainParameter(Context ctx) {
        String v = ctx.queryParam("explain");
        if (v == null || v.equals("false") || v.equals("0")) {
            return false;
        }
        if (v.equals("true") || v.equals("1") || v.isEmpty()) {
            return true;
        }
        throw new ApiException(422, "invalid_field", "explain: must be true or false, was '" + v + "'");
    }

    private void model(Context ctx) {
        ctx.status(200).contentType(JSON).result(documents(models.current()).manifest());
    }

    /** The documents derived from the model serving, made once per model rather than per request. */
    private ModelDocuments documents(ServedModel m) {
        ModelDocuments d = documents.get();
        if (d == null || d.model() != m) {
            d = new ModelDocuments(m, bytes(PathDisplay.scrubTree(mapper.valueToTree(m.tagger().manifest()))),
                    bytes(openApi.forModel(m.tagger().topics(), m.ref())));
            documents.set(d); // a race only computes the same bytes twice
        }
        return d;
    }

    /**
     * What {@link #documents} caches: the manifest with paths shown as {@link PathDisplay} does, and the OpenAPI
     * document naming the model's topics.
     */
    private record ModelDocuments(ServedModel model, byte[] manifest, byte[] openApi) {
    }

    private void health(Context ctx) {
        writeJson(ctx, 200, new ApiResponses.Health("ok", models.current().ref()));
    }

    private void reload(Context ctx) {
        if (!auth.configured()) {
            throw new ApiException(403, "reload_disabled", "model reload is disabled: it requires a bearer token"
                    + " and none is configured (set RUBRIQUE_TOKEN, or the variable named by --token-env)");
        }
        Path path = parser.reloadPath(jsonBody(ctx, true));
        Path target = path == null ? models.current().dir() : path;
        ModelHolder.Reload r;
        try {
            r = reload(path);
        } catch (ModelHolder.Busy e) {
            throw new ApiException(429, "reload_busy", e.getMessage());
        } catch (ModelHolder.Superseded e) {
            throw new ApiException(409, "reload_superseded", e.getMessage());
        } catch (ModelLoadException e) {
            // Loader messages name the directory as given, and sometimes paths resolved inside it.
            throw new ApiException(409, "model_load_failed", PathDisplay.scrub(e.getMessage(), target));
        }
        writeJson(ctx, 200, new ApiResponses.Reload(PathDisplay.of(r.after().dir()), r.before().ref().sha256(),
                r.after().ref().sha256(), r.after().ref()));
    }

    /**
     * Loads the model in {@code dir} (the served directory when null) and swaps it in; on failure the current
     * model keeps serving. Used by the admin route and by {@link ModelWatcher}.
     */
    public ModelHolder.Reload reload(Path dir) throws ModelLoadException {
        ModelHolder.Reload r;
        try {
            r = models.reload(dir);
        } catch (ModelLoadException e) {
            metrics.reloaded(false);
            LOG.warn("reload refused, still serving {}: {}", models.current().ref().sha256(), e.getMessage());
            throw e;
        }
        metrics.reloaded(true);
        LOG.info("reloaded model from {}: sha256 {} -> {}", r.after().dir(), r.before().ref().sha256(),
                r.after().ref().sha256());
        return r;
    }

    private void notFoundOrWrongMethod(Context ctx) {
        Set<String> allowed = routes.get(ctx.path());
        // The method as sent: Javalin names every method it does not know INVALID.
        String method = ctx.req().getMethod();
        if (allowed == null && ctx.method() == HandlerType.INVALID) {
            writeError(ctx, 405, "method_not_allowed", method + " is not allowed: this API answers "
                    + String.join(" and ", allMethods()) + " only; see /openapi.json", List.of());
        } else if (allowed != null && !allowed.contains(method)) {
            ctx.header("Allow", String.join(", ", allowed));
            writeError(ctx, 405, "method_not_allowed", method + " is not allowed on " + ctx.path()
                    + " (allowed: " + String.join(", ", allowed) + ")", List.of());
        } else if (allowed == null) {
            writeError(ctx, 404, "not_found", "no route " + method + " " + ctx.path() + "; see /openapi.json",
                    List.of());
        }
    }

    private Set<String> allMethods() {
        Set<String> all = new java.util.TreeSet<>();
        routes.values().forEach(all::addAll);
        return all;
    }

    /**
     * The request body, at most {@code maxBodyBytes}, after checking its media type. An {@code optional} body may
     * be empty whatever its Content-Type.
     */
    private byte[] jsonBody(Context ctx, boolean optional) {
        long declared = ctx.req().getContentLengthLong();
        int max = options.maxBodyBytes();
        if (declared > max) {
            drain(ctx);
            throw tooLarge(max);
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
                // (InputStream.readNBytes(int) would still end with a zero-length read; this overload does not.)
                body = new byte[(int) declared];
                int got = in.readNBytes(body, 0, body.length);
                if (got < body.length) {
                    throw new ApiException(400, "bad_request", "the request body ended after " + got + " of its "
                            + declared + " declared bytes");
                }
            } else {
                body = in.readNBytes(max + 1);
                if (body.length > max) {
                    drain(ctx);
                    throw tooLarge(max);
                }
            }
        } catch (BadMessageException e) {
            // Jetty's minimum data rate check (408), or a malformed body framing (400).
            ctx.header("Connection", "close");
            if (e.getCode() == 408) {
                throw bodyTooSlow();
            }
            throw new ApiException(400, "bad_request", "the request body is malformed or ended early");
        } catch (IOException e) {
            ctx.header("Connection", "close");
            if (hasCause(e, TimeoutException.class)) {
                throw new ApiException(408, "request_timeout", "the request body stopped arriving for longer"
                        + " than the idle timeout (" + options.limits().idleTimeout().toSeconds() + " s)");
            }
            throw new ApiException(400, "bad_request", "the request body ended early or could not be read");
        }
        if (optional && body.length > 0) {
            requireJsonContentType(ctx);
        }
        return body;
    }

    private static void requireJsonContentType(Context ctx) {
        String ct = ctx.header("Content-Type");
        String media = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON.equals(media)) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json, got "
                    + (ct == null ? "none" : "'" + ct + "'"));
        }
    }

    private ApiException bodyTooSlow() {
        return new ApiException(408, "request_timeout", "the request body arrived slower than "
                + options.limits().minRequestDataRate() + " bytes/s; send it faster");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException tooLarge(int max) {
        return new ApiException(413, "payload_too_large", "request body exceeds " + max + " bytes");
    }

    private static void drain(Context ctx) {
        try {
            ctx.req().getInputStream().skipNBytes(OVERSIZE_DRAIN_BYTES);
        } catch (IOException | RuntimeException e) {
            // End of input or a closed connection: either way there is nothing left to drop.
        }
    }

    private void writeJson(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(bytes(body));
    }

    private byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeError(Context ctx, int status, String code, String message, List<String> details) {
        ctx.status(status).contentType(JSON).result(ErrorBodies.of(code, message, details));
    }

    private String routeLabel(Context ctx) {
        return routes.containsKey(ctx.path()) ? ctx.path() : "unmatched";
    }
}
