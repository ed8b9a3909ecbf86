package io.rubrique.label;

import io.rubrique.active.Strategies;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.Candidate;
import io.rubrique.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A label server without a model on a fixture label set, and raw HTTP to it (any Host, Origin, framing). */
final class LabelTestServer implements AutoCloseable {
    final LabelServer server;
    final LabelSession session;
    final RetrainJob retrain;
    final Path labels;

    /** Serves {@code pool}, saving into {@code into}, a file of the set {@code labels}. */
    LabelTestServer(Path labels, Path into, List<Candidate> pool, Path work) throws IOException {
        this(labels, into, pool, work, LabelSession.Trust.none());
    }

    /** The same, with second opinions asked and Recheck and Review queues as {@code trust} says. */
    LabelTestServer(Path labels, Path into, List<Candidate> pool, Path work, LabelSession.Trust trust)
            throws IOException {
        this.labels = labels;
        LabelStore store = new LabelStore(into, labels, LabelFixtures.topics());
        session = new LabelSession(LabelFixtures.topics(), pool, store, "test", Strategies.get("random"), null, null,
                Clock.systemUTC(), trust);
        ExperimentConfig cfg = ExperimentConfig.parse("{\"learner\": {\"type\": \"liblinear\"}, \"thresholds\": "
                + "{\"inner_folds\": 2}, \"evaluation\": {\"folds\": 2, \"repeats\": 1}}", "test");
        retrain = new RetrainJob(labels, cfg, List.of(), work.resolve("models/default"), work.resolve("runs"), t -> { });
        server = new LabelServer(ServerOptions.loopback(0), session, retrain, () -> null).start();
    }

    int port() {
        return server.port();
    }

    /** A write as the page sends it: JSON, this origin, the page's CSRF token. */
    Response post(String path, String json) throws IOException {
        return raw("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nOrigin: http://127.0.0.1:"
                + port() + "\r\nContent-Type: application/json\r\nX-Rubrique-Csrf: " + server.csrfToken()
                + "\r\nContent-Length: " + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + json);
    }

    Response get(String path) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nConnection: close\r\n\r\n");
    }

    /** Sends the request as written and reads the whole response (the request should ask Connection: close). */
    Response raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return Response.read(s.getInputStream());
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Status, Content-Type and body of a raw response. */
    record Response(int status, String contentType, String body) {
        private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
        private static final Pattern TYPE = Pattern.compile("(?im)^content-type:\\s*(.*?)\\s*$");

        static Response read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException e) {
                // a reset after the response: what was read is the response
            }
            String text = all.toString(StandardCharsets.UTF_8);
            Matcher m = STATUS.matcher(text);
            if (!m.find()) {
                throw new IOException("no HTTP response: '" + text + "'");
            }
            int split = text.indexOf("\r\n\r\n");
            Matcher t = TYPE.matcher(split < 0 ? text : text.substring(0, split));
            return new Response(Integer.parseInt(m.group(1)), t.find() ? t.group(1) : "",
                    split < 0 ? "" : text.substring(split + 4));
        }
    }
}
