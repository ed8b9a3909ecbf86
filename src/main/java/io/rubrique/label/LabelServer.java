package io.rubrique.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.rubrique.data.TopicDef;
import io.rubrique.model.Explanation;
import io.rubrique.model.ScoringModel;
import io.rubrique.server.BearerAuth;
import io.rubrique.server.ErrorBodies;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The labelling page of {@code rubrique label}: one page ({@code GET /}) and a small JSON API behind it. Loopback
 * by default; on any other address every route needs the bearer token (the page reads it from the
 * {@code #token=} fragment of its URL). Errors are JSON {@code {"error": {code, message}}} with a 4xx status.
 */
public final class LabelServer implements AutoCloseable {
    private static final String JSON = "application/json";
    private final ServerOptions options;
    private final LabelSession session;
    private final RetrainJob retrain;
    private final Supplier<Map<String, Object>> currentFigures;
    private final BearerAuth auth;
    private final ObjectMapper mapper = Json.mapper();
    private final byte[] page;
    private final Javalin app;

    public LabelServer(ServerOptions options, LabelSession session, RetrainJob retrain,
            Supplier<Map<String, Object>> currentFigures) {
        this.options = options;
        this.session = session;
        this.retrain = retrain;
        this.currentFigures = currentFigures;
        this.auth = new BearerAuth(options.token());
        this.page = resource("page.html");
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jsonMapper(new JavalinJackson(mapper, false));
            c.http.maxRequestSize = 1 << 20;
            c.jetty.defaultHost = options.host();
            c.jetty.defaultPort = options.port();
        });
        app.before(this::authenticate);
        app.addHttpHandler(HandlerType.GET, "/", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        app.addHttpHandler(HandlerType.GET, "/api/state", this::state);
        app.addHttpHandler(HandlerType.GET, "/api/next", this::next);
        app.addHttpHandler(HandlerType.POST, "/api/save", this::save);
        app.addHttpHandler(HandlerType.POST, "/api/skip", this::skip);
        app.addHttpHandler(HandlerType.POST, "/api/undo", this::undo);
        app.addHttpHandler(HandlerType.POST, "/api/retrain", this::startRetrain);
        app.addHttpHandler(HandlerType.GET, "/api/retrain", ctx -> json(ctx, 200, retrain.status()));
        app.exception(Failure.class, (e, ctx) -> error(ctx, e.status, e.code, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal_error",
                "internal error: " + e.getClass().getSimpleName()));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    public LabelServer start() {
        if (!auth.configured() && !options.loopbackOnly()) {
            throw new IllegalStateException("refusing to serve the labelling page on " + options.host()
                    + " without a bearer token");
        }
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** An expected failure with its HTTP status. */
    static final class Failure extends RuntimeException {
        final int status;
        final String code;

        Failure(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private void authenticate(Context ctx) {
        if (auth.configured() && !"/".equals(ctx.path()) && !auth.accepts(ctx.header("Authorization"))) {
            throw new Failure(401, "unauthorized", "missing or invalid bearer token");
        }
    }

    private void state(Context ctx) throws IOException {
        ObjectNode o = mapper.createObjectNode();
        o.put("labeller", session.labeller());
        ArrayNode topics = o.putArray("topics");
        int key = 1;
        for (TopicDef t : session.topics().topics()) {
            ObjectNode n = topics.addObject();
            n.put("id", t.id());
            n.put("name", t.name());
            n.put("definition", t.definition());
            n.put("key", key <= 9 ? String.valueOf(key) : key == 10 ? "0" : "");
            key++;
        }
        o.set("progress", mapper.valueToTree(session.progress()));
        o.put("model_sha256", session.modelSha());
        o.set("figures", mapper.valueToTree(currentFigures.get()));
        o.set("retrain", mapper.valueToTree(retrain.status()));
        json(ctx, 200, o);
    }

    private void next(Context ctx) throws IOException {
        Optional<LabelSession.Next> n = session.next();
        ObjectNode o = mapper.createObjectNode();
        o.set("progress", mapper.valueToTree(session.progress()));
        if (n.isEmpty()) {
            o.putNull("item");
            json(ctx, 200, o);
            return;
        }
        LabelSession.Next next = n.get();
        ObjectNode item = o.putObject("item");
        item.put("id", next.item().id());
        item.put("kind", next.item().kind().id());
        item.put("source", next.item().source());
        item.put("title", next.item().title());
        item.put("text", next.item().text());
        ObjectNode reason = o.putObject("reason");
        reason.put("kind", next.pick().reason().kind());
        if (next.pick().reason().topic() != null) {
            reason.put("topic", next.pick().reason().topic());
        }
        reason.put("why", next.pick().reason().why());
        if (next.suggestion() != null) {
            ObjectNode s = o.putObject("suggestion");
            s.set("topics", mapper.valueToTree(next.suggestion().topics()));
            s.set("scores", mapper.valueToTree(next.suggestion().scores()));
            s.set("thresholds", mapper.valueToTree(next.thresholds()));
            Optional<ScoringModel> m = session.model();
            if (m.isPresent()) {
                o.set("highlights", highlights(m.get(), next));
            }
        }
        json(ctx, 200, o);
    }

    /** Per topic, the words of the title and text that pushed the score up, when the model can say. */
    private JsonNode highlights(ScoringModel m, LabelSession.Next next) {
        ObjectNode out = mapper.createObjectNode();
        m.explain(next.item().title(), next.item().text()).forEach((topic, e) -> {
            if (e.available()) {
                out.set(topic, mapper.valueToTree(e.strongUpWords(0.25, 6)));
            }
        });
        return out;
    }

    private void save(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String id = text(body, "id");
        JsonNode topics = body.get("topics");
        if (topics == null || !topics.isArray()) {
            throw new Failure(422, "invalid_field", "topics: must be an array of topic ids");
        }
        List<String> chosen = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode t : topics) {
            if (!t.isTextual()) {
                throw new Failure(422, "invalid_field", "topics: must be an array of topic ids");
            }
            if (seen.add(t.asText())) {
                chosen.add(t.asText());
            }
        }
        long t0 = System.nanoTime();
        try {
            String line = session.save(id, chosen);
            ObjectNode o = mapper.createObjectNode();
            o.set("saved", mapper.readTree(line));
            o.put("save_ms", (System.nanoTime() - t0) / 1e6);
            o.set("progress", mapper.valueToTree(session.progress()));
            json(ctx, 200, o);
        } catch (LabelStore.Refused e) {
            throw new Failure(e.duplicate() ? 409 : 422, e.duplicate() ? "already_labelled" : "invalid_record",
                    e.getMessage());
        }
    }

    private void skip(Context ctx) throws IOException {
        session.skip(text(body(ctx), "id"));
        json(ctx, 200, Map.of("progress", session.progress()));
    }

    private void undo(Context ctx) throws IOException {
        Optional<String> id = session.undo();
        if (id.isEmpty()) {
            throw new Failure(409, "nothing_to_undo", "nothing saved in this session to undo");
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("undone", id.get());
        o.put("progress", session.progress());
        json(ctx, 200, o);
    }

    private void startRetrain(Context ctx) {
        json(ctx, 202, retrain.start(currentFigures.get()));
    }

    private JsonNode body(Context ctx) {
        String ct = ctx.header("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith(JSON)) {
            throw new Failure(415, "unsupported_media_type", "Content-Type must be application/json");
        }
        try {
            JsonNode n = mapper.readTree(ctx.bodyAsBytes());
            if (n == null || !n.isObject()) {
                throw new Failure(400, "bad_request", "body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new Failure(400, "bad_request", "body is not valid JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Failure(422, "invalid_field", field + ": must be a non-empty string");
        }
        return v.asText();
    }

    private void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType(JSON).result(ErrorBodies.of(code, message));
    }

    private static byte[] resource(String name) {
        try (InputStream in = LabelServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
