package io.rubrique.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rubrique.data.Snippet;
import io.rubrique.model.ModelLoadException;
import io.rubrique.model.Tagging;
import io.rubrique.util.Json;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code rubrique serve} on Javalin/Jetty: classify, batch classify, model, health, metrics,
 * OpenAPI and admin reload. Every error, including Jetty's own, is a JSON body {@code {"error": {code, message}}};
 * each request captures the served model once, so a reload never changes the model under a running request.
 */
public final class RubriqueServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RubriqueServer.class);
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String HEALTH = "/health";
    /** How long before the drain deadline requests give up, leaving time to send their 503. */
    private static final long STOP_GRACE_MILLIS = 500;

    private final ServerOptions options;
    private final ModelHolder models;
    /** Whether a bearer token is configured: reload needs one. */
    private final boolean tokenConfigured;
    private final Metrics metrics;
    private final ObjectMapper mapper = Json.mapper();
    private final RequestParser parser = new RequestParser(mapper);
    private final OpenApiDocument openApi;
    private final HttpLayer http;
    private final AtomicReference<ModelDocuments> documents = new AtomicReference<>();
    /** Set once by the first {@link #stop()}, after {@link #requestDeadline}. */
    private volatile boolean stopping;
    /** When requests still running should give up with a 503 (System.nanoTime() scale). */
    private volatile long requestDeadline;

    public RubriqueServer(ServerOptions options, ModelHolder models) {
        this.options = Objects.requireNonNull(options, "options");
        this.models = Objects.requireNonNull(models, "models");
        this.tokenConfigured = options.token() != null;
        this.metrics = new Metrics(() -> models.current().ref());
        this.openApi = new OpenApiDocument(mapper, "/openapi.json");
        this.http = HttpLayer.builder(options)
                .openPath(HEALTH)
                .routeHint("; see /openapi.json")
                .before(this::refuseWhileStopping)
                .route(HandlerType.POST, "/v1/classify", this::classify)
                .route(HandlerType.POST, "/v1/classify/batch", this::classifyBatch)
                .route(HandlerType.POST, "/v1/quantify", this::quantify)
                .route(HandlerType.GET, "/v1/model", this::model)
                .route(HandlerType.POST, "/v1/admin/reload", this::reload)
                .route(HandlerType.GET, HEALTH, this::health)
                .route(HandlerType.GET, "/metrics", ctx -> ctx.contentType(PROMETHEUS).result(metrics.render()))
                .route(HandlerType.GET, "/openapi.json", ctx -> HttpLayer.json(ctx, 200,
                        documents(models.current()).openApi()))
                .requestLogger((ctx, ms) -> metrics.observe(routeLabel(ctx), ctx.req().getMethod(),
                        ctx.statusCode(), (long) (ms * 1_000_000.0)))
                .build();
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException when bound beyond loopback without a token, or when the port is taken
     */
    public RubriqueServer start() {
        http.start();
        ServedModel m = models.current();
        LOG.debug("serving model {} (sha256 {}) from {} on http://{}:{}", m.ref().name(), m.ref().sha256(),
                m.dir(), options.host(), port());
        return this;
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return http.port();
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
        if (!http.stop()) {
            LOG.warn("drain timeout ({} ms) passed with requests still running; their connections were closed",
                    drainMillis);
        }
    }

    /** True from the first {@link #stop()} on: new requests are refused with 503. */
    public boolean stopping() {
        return stopping;
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
        return http.routes();
    }

    private void classify(Context ctx) {
        ServedModel m = models.current();
        boolean explain = explainParameter(ctx);
        Snippet s = parser.classify(http.body(ctx, false));
        Tagging t = m.tagger().tag(s.title(), s.text());
        writeJson(ctx, 200, new ApiResponses.Classify(t.topics(), t.scores().toMap(),
                explain ? ApiResponses.explanation(m.tagger(), s.title(), s.text()) : null, m.ref()));
    }

    private void quantify(Context ctx) {
        writeJson(ctx, 200, QuantifyRequest.read(parser.tree(http.body(ctx, false))).run(models.current().tagger()));
    }

    private void classifyBatch(Context ctx) {
        ServedModel m = models.current();
        boolean explain = explainParameter(ctx);
        List<Snippet> items = parser.batch(http.body(ctx, false));
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
        HttpLayer.json(ctx, 200, documents(models.current()).manifest());
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
        if (!tokenConfigured) {
            throw new ApiException(403, "reload_disabled", "model reload is disabled: it requires a bearer token"
                    + " and none is configured (set RUBRIQUE_TOKEN, or the variable named by --token-env)");
        }
        Path path = parser.reloadPath(http.body(ctx, true));
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

    private void writeJson(Context ctx, int status, Object body) {
        HttpLayer.json(ctx, status, bytes(body));
    }

    private byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String routeLabel(Context ctx) {
        return http.routes().containsKey(ctx.path()) ? ctx.path() : "unmatched";
    }
}
