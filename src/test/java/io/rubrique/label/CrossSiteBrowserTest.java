package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page on another origin (another loopback address and port) that the labeller has open, in a real headless
 * Chromium, auto-submits forms (urlencoded, multipart, and text/plain shaped as JSON) and {@code no-cors} fetches to
 * every POST route of the labelling page: nothing changes (issue 22, point 1).
 */
class CrossSiteBrowserTest {
    private static final List<String> POST_ROUTES = List.of("/api/save", "/api/skip", "/api/undo", "/api/retrain",
            "/api/opinion", "/api/recheck", "/api/recheck/skip", "/api/adjudicate", "/api/review/skip");
    /**
     * The item each route's forged body names: one the route would act on if the request got through (l1 is in the
     * Recheck queue, l2 has a disagreement, l3 has no second opinion yet).
     */
    private static final java.util.Map<String, String> TARGET_ID = java.util.Map.of("/api/opinion", "l3",
            "/api/recheck", "l1", "/api/recheck/skip", "l1", "/api/adjudicate", "l2", "/api/review/skip", "l2");

    @TempDir
    Path tmp;
    private LabelTestServer target;
    private HttpServer attacker;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.assumePresent();
        Path labels = LabelFixtures.labelSet(tmp);
        Files.writeString(labels.resolve(io.rubrique.data.SecondOpinions.FILE), "{\"id\":\"l2\",\"kind\":\"teaser\","
                + "\"title\":\"Numérique\",\"text\":\"La transformation numérique avance.\",\"topics\":[],"
                + "\"provenance\":{\"labelled_by\":\"bob\"}}\n");
        target = new LabelTestServer(labels, labels.resolve("snippets.jsonl"), LabelFixtures.pool(6), tmp,
                new LabelSession.Trust(0, 1, List.of(new io.rubrique.trust.Recheck.Suspect("l1", "security", true,
                        0.1, 1.2, "labelled security, but"))));
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        attacker.createContext("/", ex -> {
            byte[] page = attackPage("http://127.0.0.1:" + target.port()).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        attacker.start();
        browser = HeadlessChromium.start(tmp.resolve("chrome"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (target != null) {
            target.close();
        }
    }

    /** Three forms per route (each into its own frame) and two no-cors fetches per route. */
    private static String attackPage(String victim) {
        StringBuilder html = new StringBuilder("<!doctype html><html><body><script>let pending = 0;"
                + "function done() { if (--pending === 0) { document.body.dataset.sent = '1'; } }</script>");
        int n = 0;
        for (String route : POST_ROUTES) {
            for (String enctype : List.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")) {
                String frame = "f" + n++;
                html.append("<iframe name='").append(frame).append("'></iframe><form method='POST' action='")
                        .append(victim).append(route).append("' enctype='").append(enctype).append("' target='")
                        .append(frame).append("'><input name='{\"id\":\"").append(TARGET_ID.getOrDefault(route, "p1"))
                        .append("\",\"topics\":[],\"x\":\"' value='\"}'>")
                        .append("</form>");
            }
        }
        html.append("<script>");
        html.append("document.querySelectorAll('iframe').forEach(f => { pending++; f.onload = done; });");
        html.append("document.querySelectorAll('form').forEach(f => f.submit());");
        for (String route : POST_ROUTES) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
                html.append("pending++; fetch('").append(victim).append(route).append("', {method: 'POST', mode: "
                        + "'no-cors', credentials: 'include', headers: {'Content-Type': '").append(type)
                        .append("'}, body: '{\"id\":\"").append(TARGET_ID.getOrDefault(route, "p1"))
                        .append("\",\"topics\":[]}'}).then(done, done);");
            }
        }
        html.append("</script></body></html>");
        return html.toString();
    }

    @Test
    void aPageOnAnotherOriginChangesNothing() throws Exception {
        assertEquals(200, target.post("/api/save", "{\"id\":\"p0\",\"topics\":[\"digital\"]}").status());
        Path file = target.labels.resolve("snippets.jsonl");
        String before = Files.readString(file);
        Path opinions = target.labels.resolve(io.rubrique.data.SecondOpinions.FILE);
        String opinionsBefore = Files.readString(opinions);
        LabelSession.Progress progress = target.session.progress();
        assertEquals(1, progress.recheckLeft());
        assertEquals(1, progress.reviewLeft());

        browser.get("http://127.0.0.2:" + attacker.getAddress().getPort() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "1".equals(
                d.findElement(By.tagName("body")).getAttribute("data-sent")));

        assertEquals(before, Files.readString(file), "no save, no undo, no recheck, no adjudication");
        assertEquals(opinionsBefore, Files.readString(opinions), "no second opinion");
        assertEquals("idle", target.retrain.status().state(), "no retrain");
        assertEquals(progress, target.session.progress(), "no skip (recheck and review skips included), nothing "
                + "saved or undone in the session");
        for (String route : List.of("/api/recheck", "/api/adjudicate", "/api/opinion")) {
            assertEquals(200, target.post(route, "{\"id\":\"" + TARGET_ID.get(route) + "\",\"topics\":[]}").status(),
                    "the forged body would have acted from the page itself: " + route);
        }
    }
}
