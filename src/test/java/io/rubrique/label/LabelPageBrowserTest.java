package io.rubrique.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.active.Strategies;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainingSet;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The labelling page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): label three items by keyboard, undo one, reload the page, and check the label file.
 */
class LabelPageBrowserTest {

    @TempDir
    Path tmp;
    private LabelServer server;
    private WebDriver browser;
    private Path labels;

    @BeforeEach
    void startServerAndBrowser() throws Exception {
        HeadlessChromium.assumePresent();
        labels = LabelFixtures.labelSet(tmp);
        LabelSet data = LabelReader.read(labels);
        ExperimentConfig cfg = ExperimentConfig.parse("{\"learner\": {\"type\": \"liblinear\"}, \"thresholds\": "
                + "{\"inner_folds\": 2}, \"evaluation\": {\"folds\": 2, \"repeats\": 1}}", "test");
        Path modelDir = tmp.resolve("models/default");
        ModelArtifact.save(modelDir, new BinaryRelevanceTrainer(cfg).train(TrainingSet.of(data), 1));
        TopicTagger tagger = TopicTagger.load(modelDir);
        LabelStore store = new LabelStore(labels.resolve("snippets.jsonl"), labels, data.topics());
        LabelSession session = new LabelSession(data.topics(), LabelFixtures.pool(8), store, "selenium",
                Strategies.get("uncertainty"), tagger, tagger.manifest().modelSha256(), Clock.systemUTC());
        RetrainJob retrain = new RetrainJob(labels, cfg, modelDir, tmp.resolve("runs"), t -> session.useModel(t,
                t.manifest().modelSha256()));
        server = new LabelServer(ServerOptions.loopback(0), session, retrain, () -> null).start();

        browser = HeadlessChromium.start(tmp.resolve("chrome"));
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

    private String shownItem() {
        return browser.findElement(By.tagName("body")).getAttribute("data-item");
    }

    private void waitForItemOtherThan(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            String now = shownItem();
            return now != null && !now.equals(id);
        });
    }

    private void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    @Test
    void labelThreeItemsByKeyboardUndoOneReloadAndTheFileHoldsTheOtherTwo() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "1".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertEquals(4, browser.findElements(By.cssSelector("#topics .topic")).size(), "one checkbox per topic");
        assertTrue(browser.findElement(By.cssSelector("#topics .topic .score")).getText().matches("\\d\\.\\d\\d"),
                "the model's score is shown beside each topic");

        String first = shownItem();
        press("1");   // digital
        press("4");   // bilateral-relations
        press(Keys.ENTER);
        waitForItemOtherThan(first);
        String second = shownItem();
        press("2");   // security
        press(Keys.ENTER);
        waitForItemOtherThan(second);
        String third = shownItem();
        press(Keys.ENTER);   // whatever the model pre-ticked
        waitForItemOtherThan(third);
        assertEquals("3", browser.findElement(By.id("session")).getText());

        press("u");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> third.equals(shownItem()));
        assertTrue(browser.findElement(By.id("message")).getText().contains("Undone: " + third),
                browser.findElement(By.id("message")).getText());
        press("?");
        assertTrue(browser.findElement(By.id("help")).isDisplayed(), "? shows the keys");
        press(Keys.ESCAPE);

        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shots.resolve("label-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "1".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertEquals(third, shownItem(), "after a reload the undone item is still next");
        assertEquals("2", browser.findElement(By.id("session")).getText());

        List<LabelledItem> items = LabelReader.read(labels).items();
        assertEquals(3 + 2, items.size());
        LabelledItem a = items.stream().filter(i -> i.id().equals(first)).findFirst().orElseThrow();
        LabelledItem b = items.stream().filter(i -> i.id().equals(second)).findFirst().orElseThrow();
        assertFalse(items.stream().anyMatch(i -> i.id().equals(third)), "the undone label is gone");
        assertTrue(a.has("digital") != b.has("digital") || a.has("bilateral-relations") != b.has("bilateral-relations")
                || a.has("security") != b.has("security"), "the two saves differ as keyed");
        for (String line : Files.readAllLines(labels.resolve("snippets.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.get("id").asText().equals(first)) {
                assertEquals("selenium", n.at("/provenance/labelled_by").asText());
                assertTrue(n.at("/provenance/suggested_scores").isObject());
            }
        }
    }

}
