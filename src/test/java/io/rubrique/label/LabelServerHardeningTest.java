package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.Candidate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labelling page's API defended like a web application (issue 22): each test reproduces one attack or bug. */
class LabelServerHardeningTest {
    @TempDir
    Path tmp;
    private Path labels;
    private Path file;
    private LabelTestServer s;

    @BeforeEach
    void start() throws IOException {
        labels = LabelFixtures.labelSet(tmp);
        file = labels.resolve("snippets.jsonl");
        s = new LabelTestServer(labels, file, LabelFixtures.pool(6), tmp);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String request(String method, String path, String headers, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\n" + headers
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body;
    }

    @Test
    void aCrossSiteFormPostCannotUndoSkipSaveOrRetrain() throws IOException {
        assertEquals(200, s.post("/api/save", "{\"id\":\"p0\",\"topics\":[\"digital\"]}").status());
        String before = Files.readString(file);
        for (String route : List.of("/api/undo", "/api/retrain", "/api/skip", "/api/save")) {
            LabelTestServer.Response r = s.raw(request("POST", route, "Origin: https://evil.example\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n", "x=1"));
            assertEquals(403, r.status(), route + ": " + r.body());
            assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        }
        assertEquals(before, Files.readString(file), "nothing undone, nothing saved");
        assertEquals("idle", s.retrain.status().state(), "no retrain started");
    }

    @Test
    void aWriteWithoutThePagesTokenIsRefusedEvenFromThisOriginWithJson() throws IOException {
        for (String route : List.of("/api/undo", "/api/retrain", "/api/skip")) {
            LabelTestServer.Response r = s.raw(request("POST", route, "Content-Type: application/json\r\n",
                    "{\"id\":\"p1\"}"));
            assertEquals(403, r.status(), route + ": " + r.body());
            assertTrue(r.body().contains("csrf_token"), r.body());
        }
        assertEquals("idle", s.retrain.status().state());
    }

    @Test
    void aForeignHostIsRefusedSoDnsRebindingCannotReadOrWrite() throws IOException {
        LabelTestServer.Response read = s.raw("GET /api/next HTTP/1.1\r\nHost: evil.example:" + s.port()
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(403, read.status());
        assertTrue(read.body().contains("foreign_host"), read.body());
        assertEquals(403, s.raw("GET / HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n").status());
        assertEquals(200, s.raw("GET /api/state HTTP/1.1\r\nHost: localhost:" + s.port()
                + "\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void writesNeedAJsonBodyEvenWhenTheRouteReadsNothing() throws IOException {
        LabelTestServer.Response r = s.raw(request("POST", "/api/undo", "X-Rubrique-Csrf: " + s.server.csrfToken()
                + "\r\nContent-Type: text/plain\r\n", "{}"));
        assertEquals(415, r.status(), r.body());
    }

    @Test
    void theServedPageCarriesTheTokenItsWritesNeed() throws IOException {
        LabelTestServer.Response page = s.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<meta name=\"rubrique-csrf\" content=\"" + s.server.csrfToken() + "\">"));
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutReadingItAllAndTheServerKeepsAnswering() throws IOException {
        long sent = 0;
        int status;
        try (Socket sock = new Socket("127.0.0.1", s.port())) {
            sock.setSoTimeout(30_000);
            OutputStream out = sock.getOutputStream();
            out.write(("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nContent-Type: application/json"
                    + "\r\nX-Rubrique-Csrf: " + s.server.csrfToken() + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            // Up to 256 MiB, streamed: the server must answer long before, once past its 1 MiB limit.
            try {
                while (sent < (256L << 20)) {
                    out.write(head);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException e) {
                // the server closed the connection after its 413: expected
            }
            status = LabelTestServer.Response.read(sock.getInputStream()).status();
        }
        assertEquals(413, status);
        assertTrue(sent < (256L << 20), "the server stopped reading; sent " + sent);
        assertEquals(200, s.get("/api/state").status(), "still answering");
    }

    @Test
    void undoKeepsItsEntryAndWorksWhenAnotherLineOfTheFileIsBroken() throws IOException {
        assertEquals(200, s.post("/api/save", "{\"id\":\"p2\",\"topics\":[]}").status());
        Files.writeString(file, "{broken hand edit\n", java.nio.file.StandardOpenOption.APPEND);
        LabelTestServer.Response r = s.post("/api/undo", "{}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"undone\":\"p2\""), r.body());
        assertTrue(Files.readString(file).contains("{broken hand edit"), "the broken line is left for its owner");
        assertFalse(Files.readString(file).contains("\"p2\""));
    }

    @Test
    void errorsAreJsonWithTheRightStatus() throws IOException {
        LabelTestServer.Response missing = s.get("/nope");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/json"), missing.contentType());
        LabelTestServer.Response wrongMethod = s.raw(request("DELETE", "/api/save",
                "X-Rubrique-Csrf: " + s.server.csrfToken() + "\r\n", ""));
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.body().contains("method_not_allowed"), wrongMethod.body());
        LabelTestServer.Response big = s.raw("POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:" + s.port()
                + "\r\nContent-Type: application/json\r\nX-Rubrique-Csrf: " + s.server.csrfToken()
                + "\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{");
        assertEquals(413, big.status());
        assertTrue(big.contentType().startsWith("application/json"), big.contentType());
    }

    @Test
    void duplicateJsonKeysAreRefused() throws IOException {
        LabelTestServer.Response r = s.post("/api/save", "{\"id\":\"p3\",\"id\":\"p4\",\"topics\":[]}");
        assertEquals(400, r.status(), r.body());
        assertFalse(Files.readString(file).contains("\"p3\"") || Files.readString(file).contains("\"p4\""));
    }

    @Test
    void skippingAnIdOutsideThePoolIs422() throws IOException {
        LabelTestServer.Response r = s.post("/api/skip", "{\"id\":\"not-in-pool\"}");
        assertEquals(422, r.status(), r.body());
        assertEquals(200, s.post("/api/skip", "{\"id\":\"p1\"}").status());
    }

    @Test
    void aDuplicateSaveNamesTheFileAndLineOfTheFirstLabel() throws IOException {
        Candidate l1 = new Candidate("l1", io.rubrique.data.ItemKind.TEASER, "x", "Cybersécurité",
                "La police renforce la cybersécurité.");
        try (LabelTestServer other = new LabelTestServer(labels, labels.resolve("extra.jsonl"), List.of(l1), tmp)) {
            LabelTestServer.Response r = other.post("/api/save", "{\"id\":\"l1\",\"topics\":[]}");
            assertEquals(409, r.status(), r.body());
            assertTrue(r.body().contains("snippets.jsonl:1"), r.body());
            assertFalse(r.body().contains("line 0"), r.body());
        }
    }
}
