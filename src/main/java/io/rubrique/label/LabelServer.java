package io.rubrique.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rubrique.data.TopicDef;
import io.rubrique.model.Explanation;
import io.rubrique.model.ScoringModel;
import io.rubrique.server.HttpLayer;
import io.rubrique.server.RequestParser;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The labelling page of {@code rubrique label}: one page ({@code GET /}) and a small JSON API behind it, on the
 * same hardened {@link HttpLayer} as {@code serve}. Loopback by default; on any other address every route needs the
 * bearer token (the page reads it from the {@code #token=} fragment of its URL). Every write needs the page's
 * per-server CSRF token (in a meta tag of the page, sent back as a header), a JSON body and this server's origin,
 * so no other site the labeller has open can save, skip, undo or retrain. Errors are JSON
 * {@code {"error": {code, message}}} with a 4xx status.
 */
public final class LabelServer implements AutoCloseable {
    private final LabelSession session;
    private final RetrainJob retrain;
    private final Supplier<Map<String, Object>> currentFigures;
    private final ObjectMapper mapper = Json.mapper();
    private final RequestParser parser = new RequestParser(mapper);
    private final String csrfToken;
    private final byte[] page;
    private final HttpLayer http;

    public LabelServer(ServerOptions options, LabelSession session, RetrainJob retrain,
            Supplier<Map<String, Object>> currentFigures) {
        this.session = session;
        this.retrain = retrain;
        this.currentFigures = currentFigures;
        this.csrfToken = newToken();
        this.page = resource("page.html", csrfToken);
        this.http = HttpLayer.builder(options)
                .openPath("/")
                .csrfToken(csrfToken)
                .route(HandlerType.GET, "/", ctx -> ctx.contentType("text/html; charset=utf-8")
                        .header("Cache-Control", "no-store")
                        .header("X-Frame-Options", "DENY")
                        .header("Content-Security-Policy", "frame-ancestors 'none'")
                        .result(page))
                .route(HandlerType.GET, "/api/state", this::state)
                .route(HandlerType.GET, "/api/next", this::next)
                .route(HandlerType.POST, "/api/save", this::save)
                .route(HandlerType.POST, "/api/skip", this::skip)
                .route(HandlerType.POST, "/api/undo", this::undo)
                .route(HandlerType.POST, "/api/retrain", this::startRetrain)
                .route(HandlerType.POST, "/api/opinion", this::saveOpinion)
                .route(HandlerType.GET, "/api/recheck", this::recheckItem)
                .route(HandlerType.POST, "/api/recheck", this::recheck)
                .route(HandlerType.POST, "/api/recheck/skip", ctx -> {
                    session.skipRecheck(text(body(ctx), "id"));
                    json(ctx, 200, Map.of("progress", session.progress()));
                })
                .route(HandlerType.GET, "/api/review", this::reviewItem)
                .route(HandlerType.POST, "/api/adjudicate", this::adjudicate)
                .route(HandlerType.POST, "/api/review/skip", ctx -> {
                    session.skipReview(text(body(ctx), "id"));
                    json(ctx, 200, Map.of("progress", session.progress()));
                })
                .route(HandlerType.GET, "/api/retrain", ctx -> json(ctx, 200, retrain.status()))
                .exception(Failure.class, (e, ctx) -> HttpLayer.error(ctx, e.status, e.code, e.getMessage(),
                        List.of()))
                .exception(io.rubrique.data.LabelException.class, (e, ctx) -> HttpLayer.error(ctx, 422,
                        "invalid_label_files", e.getMessage(), List.of()))
                .build();
    }

    /** The suspects of a {@code rubrique recheck --out} file, for the Recheck queue; fails naming file:line: field. */
    public static List<io.rubrique.trust.Recheck.Suspect> readRecheck(java.nio.file.Path file) throws IOException {
        return RecheckFile.read(file);
    }

    /** Binds and starts serving; see {@link HttpLayer#start()}. */
    public LabelServer start() {
        http.start();
        return this;
    }

    public int port() {
        return http.port();
    }

    /** The token the page sends in {@value HttpLayer#CSRF_HEADER} with every write (new for each server). */
    String csrfToken() {
        return csrfToken;
    }

    @Override
    public void close() {
        http.stop();
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

    /**
     * Answers a queue's "what next": {@code {"progress", "item": null}} when it is empty, else what {@code fill}
     * writes for its next entry.
     */
    private <T> void queueAnswer(Context ctx, Optional<T> next, java.util.function.BiConsumer<ObjectNode, T> fill)
            throws IOException {
        ObjectNode o = mapper.createObjectNode();
        o.set("progress", mapper.valueToTree(session.progress()));
        if (next.isEmpty()) {
            o.putNull("item");
        } else {
            fill.accept(o, next.get());
        }
        json(ctx, 200, o);
    }

    private void next(Context ctx) throws IOException {
        queueAnswer(ctx, session.next(), this::fillNext);
    }

    private void fillNext(ObjectNode o, LabelSession.Next next) {
        ObjectNode item = o.putObject("item");
        item.put("id", next.item().id());
        item.put("kind", next.item().kind().id());
        item.put("source", next.item().source());
        item.put("title", next.item().title());
        item.put("text", next.item().text());
        if (next.item().date() != null) {
            item.put("date", next.item().date().toString());
        }
        if (next.secondOpinionOf() != null) {
            o.put("second_opinion_of", next.secondOpinionOf());
        }
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

    /** A write that records topics for an item: the session's save, second opinion, recheck or adjudication. */
    private interface TopicsWrite {
        String write(String id, List<String> topics) throws IOException, LabelStore.Refused;
    }

    /** The {@code topics} array of a request, each once, in the order given. */
    private static List<String> topics(JsonNode body) {
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
        return chosen;
    }

    /** Runs a write of topics and answers {@code {"saved": record, "progress"}}; refusals are 409 or 422. */
    private void writeTopics(Context ctx, TopicsWrite w) throws IOException {
        JsonNode body = body(ctx);
        String id = text(body, "id");
        List<String> chosen = topics(body);
        try {
            String line = w.write(id, chosen);
            ObjectNode o = mapper.createObjectNode();
            o.set("saved", mapper.readTree(line));
            o.set("progress", mapper.valueToTree(session.progress()));
            json(ctx, 200, o);
        } catch (LabelStore.Refused e) {
            throw new Failure(e.duplicate() ? 409 : 422, e.duplicate() ? "already_labelled" : "invalid_record",
                    e.getMessage());
        }
    }

    private void saveOpinion(Context ctx) throws IOException {
        writeTopics(ctx, session::saveOpinion);
    }

    private void recheck(Context ctx) throws IOException {
        writeTopics(ctx, session::recheck);
    }

    private void adjudicate(Context ctx) throws IOException {
        writeTopics(ctx, session::adjudicate);
    }

    /** The next item of the Recheck queue: the item, its label now, who gave it, and each suspect topic's reason. */
    private void recheckItem(Context ctx) throws IOException {
        queueAnswer(ctx, session.nextRecheck(), this::fillRecheck);
    }

    private void fillRecheck(ObjectNode o, LabelSession.RecheckItem r) {
        io.rubrique.data.LabelledItem i = r.item();
        ObjectNode item = itemNode(o, i);
        item.set("topics", mapper.valueToTree(i.topics()));
        item.put("labelled_by", r.labelledBy());
        ArrayNode suspects = o.putArray("suspects");
        for (io.rubrique.trust.Recheck.Suspect x : r.suspects()) {
            ObjectNode n = suspects.addObject();
            n.put("topic", x.topic());
            n.put("given", x.given());
            n.put("score", x.score());
            n.put("reason", x.reason());
        }
        o.put("left", r.left());
    }

    /** The next disagreement of the Review queue: the item and both opinions, side by side. */
    private void reviewItem(Context ctx) throws IOException {
        queueAnswer(ctx, session.nextReview(), this::fillReview);
    }

    private void fillReview(ObjectNode o, LabelSession.ReviewItem r) {
        io.rubrique.data.SecondOpinions.Pair p = r.pair();
        itemNode(o, p.item());
        ArrayNode opinions = o.putArray("opinions");
        for (io.rubrique.data.SecondOpinions.Opinion op : List.of(p.first(), p.second())) {
            ObjectNode n = opinions.addObject();
            n.put("by", op.by());
            n.set("topics", mapper.valueToTree(op.topics()));
            n.put("at", op.at());
        }
        o.put("left", r.left());
    }

    private static ObjectNode itemNode(ObjectNode o, io.rubrique.data.LabelledItem i) {
        ObjectNode item = o.putObject("item");
        item.put("id", i.id());
        item.put("kind", i.kind().id());
        item.put("source", i.source());
        item.put("title", i.title());
        item.put("text", i.text());
        return item;
    }

    private void save(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String id = text(body, "id");
        List<String> chosen = topics(body);
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
        String id = text(body(ctx), "id");
        if (!session.skip(id)) {
            throw new Failure(422, "invalid_field", "id: '" + id + "' is not an item of the pool");
        }
        json(ctx, 200, Map.of("progress", session.progress()));
    }

    private void undo(Context ctx) throws IOException {
        body(ctx);
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
        body(ctx);
        json(ctx, 202, retrain.start(currentFigures.get()));
    }

    /** The request's JSON object: Content-Type, size limit and duplicate keys checked by the shared layer. */
    private JsonNode body(Context ctx) {
        return parser.object(http.body(ctx, false));
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
            HttpLayer.json(ctx, status, mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page, with this server's CSRF token in its {@code rubrique-csrf} meta tag. */
    private static byte[] resource(String name, String token) {
        try (InputStream in = LabelServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            String html = utf8(in.readAllBytes());
            String slot = "<meta name=\"rubrique-csrf\" content=\"\">";
            if (!html.contains(slot)) {
                throw new IllegalStateException(name + " has no " + slot);
            }
            return html.replace(slot, "<meta name=\"rubrique-csrf\" content=\"" + token + "\">")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
