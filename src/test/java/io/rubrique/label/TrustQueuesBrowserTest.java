package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.active.Strategies;
import io.rubrique.data.LabelReader;
import io.rubrique.data.SecondOpinions;
import io.rubrique.data.SeedLabels;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Recheck and Review queues and second opinions on the labelling page, in a real headless Chromium, by keyboard,
 * on a copy of the seed fixture: a flagged label relabelled and one kept, a disagreement adjudicated, a second
 * opinion given blind; each leaves its provenance in the files. The Recheck queue is a real {@code rubrique
 * recheck} output for the fixture ({@code src/test/resources/label/recheck-seeds.jsonl}: liblinear, 5 folds x 3
 * repeats, seed 42, --n 6).
 */
class TrustQueuesBrowserTest {
    private static final Path RECHECK = Path.of("src/test/resources/label/recheck-seeds.jsonl");
    /** Flagged first by the recheck fixture (for digital), labelled digital and bilateral-relations. */
    private static final String FLAGGED = "a-572bcf96a515";
    private static final String FLAGGED_NEXT = "t-599615786332";
    /** Labelled security and bilateral-relations; the second labeller gives bilateral-relations only. */
    private static final String DISPUTED = "t-f1fdb25cae50";

    @TempDir
    Path tmp;
    private LabelServer server;
    private WebDriver browser;
    private Path labels;

    private void start(String who, LabelSession.Trust trust) throws Exception {
        HeadlessChromium.assumePresent();
        labels = Files.createDirectories(tmp.resolve("labels"));
        Files.copy(SeedLabels.TOPICS, labels.resolve("topics.json"));
        Files.copy(SeedLabels.SNIPPETS, labels.resolve("snippets.jsonl"));
        LabelStore store = new LabelStore(labels.resolve("snippets.jsonl"), labels, LabelFixtures.topics());
        LabelSession session = new LabelSession(LabelFixtures.topics(), LabelFixtures.pool(4), store, who,
                Strategies.get("random"), null, null, Clock.systemUTC(), trust);
        RetrainJob retrain = new RetrainJob(labels, io.rubrique.config.ExperimentConfig.parse(
                "{\"learner\": {\"type\": \"liblinear\"}}", "test"), List.of(), tmp.resolve("models/default"),
                tmp.resolve("runs"), t -> { });
        server = new LabelServer(ServerOptions.loopback(0), session, retrain, () -> null).start();
        browser = HeadlessChromium.start(tmp.resolve("chrome"));
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "1".equals(body("data-ready")));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private String body(String attribute) {
        return browser.findElement(By.tagName("body")).getAttribute(attribute);
    }

    private void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private void waitForItem(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> id.equals(body("data-item")));
    }

    private void screenshot(String name) throws Exception {
        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode record(Path file, String id) throws Exception {
        for (String line : Files.readAllLines(file)) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError(id + " not in " + file);
    }

    /** The seed record of {@code id} as bob's second opinion with {@code topics}. */
    private String opinion(String id, List<String> topics) throws Exception {
        ObjectNode n = (ObjectNode) record(labels.resolve("snippets.jsonl"), id).deepCopy();
        n.set("topics", Json.mapper().valueToTree(topics));
        n.set("provenance", Json.mapper().valueToTree(Map.of("labelled_by", "bob",
                "labelled_at", "2026-12-07T16:00:00Z")));
        return Json.mapper().writeValueAsString(n) + "\n";
    }

    @Test
    void aFlaggedLabelRelabelledAndADisagreementAdjudicatedOnThePageLeaveProvenance() throws Exception {
        start("lea", new LabelSession.Trust(0, 42, RecheckFile.read(RECHECK)));
        Files.writeString(labels.resolve(SecondOpinions.FILE), opinion(DISPUTED, List.of("bilateral-relations"))
                + opinion(FLAGGED_NEXT, List.of("security")));
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "1".equals(body("data-ready")));
        assertEquals("(6)", browser.findElement(By.id("recheckCount")).getText());
        assertEquals("(1)", browser.findElement(By.id("reviewCount")).getText(), "one of the two opinions differs");

        press("c");
        waitForItem(FLAGGED);
        assertEquals("recheck", body("data-mode"));
        assertTrue(browser.findElement(By.id("suspects")).getText().contains("labelled digital, but the models"),
                browser.findElement(By.id("suspects")).getText());
        assertTrue(browser.findElement(By.cssSelector(".topic.on[data-topic='digital']")).isDisplayed(),
                "the current label is ticked");
        screenshot("recheck-queue.png");
        press("1");   // untick digital
        press("2");   // tick security
        press(Keys.ENTER);
        waitForItem(FLAGGED_NEXT);
        press("k");   // keep
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !FLAGGED_NEXT.equals(body("data-item")));

        JsonNode changed = record(labels.resolve("snippets.jsonl"), FLAGGED);
        assertEquals("[\"security\",\"bilateral-relations\"]", changed.get("topics").toString());
        assertEquals("[\"digital\",\"bilateral-relations\"]", changed.at("/provenance/previous_topics").toString());
        assertEquals("lea", changed.at("/provenance/rechecked_by").asText());
        assertEquals("changed", changed.at("/provenance/recheck").asText());
        assertTrue(changed.at("/provenance/recheck_reason").asText().startsWith("labelled digital"));
        JsonNode kept = record(labels.resolve("snippets.jsonl"), FLAGGED_NEXT);
        assertEquals("kept", kept.at("/provenance/recheck").asText());
        assertEquals("[\"security\"]", kept.get("topics").toString());

        press("v");
        waitForItem(DISPUTED);
        assertEquals("review", body("data-mode"));
        String sides = browser.findElement(By.id("sides")).getText();
        assertTrue(sides.contains("bob") && sides.contains("A · first"), sides);
        screenshot("review-mode.png");
        press("b");
        press(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("message")).getText()
                .isEmpty());
        assertTrue(browser.findElement(By.id("message")).getText().startsWith("Adjudicated " + DISPUTED),
                browser.findElement(By.id("message")).getText());
        assertTrue(browser.findElement(By.id("done")).isDisplayed(), "no disagreement left");

        JsonNode adjudicated = record(labels.resolve("snippets.jsonl"), DISPUTED);
        assertEquals("[\"bilateral-relations\"]", adjudicated.get("topics").toString());
        assertEquals("lea", adjudicated.at("/provenance/adjudicated_by").asText());
        assertEquals("[\"security\",\"bilateral-relations\"]",
                adjudicated.at("/provenance/opinions/0/topics").toString());
        assertEquals("bob", adjudicated.at("/provenance/opinions/1/by").asText());
        assertEquals(49, LabelReader.read(labels).items().size(), "the set validates, one label per item");
    }

    @Test
    void aSecondOpinionIsAskedBlindAndSavedToItsOwnFile() throws Exception {
        start("bob", new LabelSession.Trust(0.05, 42, List.of()));
        assertTrue(browser.findElement(By.id("opinionBanner")).getText().startsWith("Second opinion"),
                browser.findElement(By.id("opinionBanner")).getText());
        assertTrue(browser.findElements(By.cssSelector(".topic.on")).isEmpty(), "nothing is pre-ticked");
        String asked = body("data-item");
        press("2");
        press(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("message")).getText()
                .startsWith("Second opinion on " + asked));
        JsonNode so = record(labels.resolve(SecondOpinions.FILE), asked);
        assertEquals("[\"security\"]", so.get("topics").toString());
        assertEquals("bob", so.at("/provenance/labelled_by").asText());
        assertFalse(Files.readString(labels.resolve("snippets.jsonl")).contains("\"labelled_by\":\"bob\""),
                "the label set is untouched");
    }
}
