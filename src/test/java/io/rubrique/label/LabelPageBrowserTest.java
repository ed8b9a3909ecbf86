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
import io.rubrique.data.PoolReader;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainingSet;
import io.rubrique.server.ServerOptions;
import io.rubrique.util.Json;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * installs): label three items by keyboard, undo one, reload the page, and check the label file; label, press
 * the Retrain key, and check the page's model is the one {@code train} makes from the same files.
 */
class LabelPageBrowserTest {

    @TempDir
    Path tmp;
    private LabelServer server;
    private WebDriver browser;
    private Path labels;
    private Path configFile;
    private Path poolFile;
    private Path modelDir;

    @BeforeEach
    void startServerAndBrowser() throws Exception {
        HeadlessChromium.assumePresent();
        labels = LabelFixtures.labelSet(tmp);
        LabelSet data = LabelReader.read(labels);
        configFile = tmp.resolve("test.json");
        Files.writeString(configFile, "{\"name\": \"test\", \"learner\": {\"type\": \"liblinear\"}, "
                + "\"thresholds\": {\"inner_folds\": 2}, \"evaluation\": {\"folds\": 2, \"repeats\": 1}, "
                + "\"unlabelled\": {\"method\": \"self-training\", \"per_topic\": 2}}");
        ExperimentConfig cfg = ExperimentConfig.read(configFile);
        poolFile = LabelFixtures.poolFile(tmp, 8);
        modelDir = tmp.resolve("models/default");
        ModelArtifact.save(modelDir, new BinaryRelevanceTrainer(cfg).train(TrainingSet.of(data), 1));
        TopicTagger tagger = TopicTagger.load(modelDir);
        LabelStore store = new LabelStore(labels.resolve("snippets.jsonl"), labels, data.topics());
        LabelSession session = new LabelSession(data.topics(), PoolReader.read(List.of(poolFile)).records(), store,
                "selenium", Strategies.get("uncertainty"), tagger, tagger.manifest().modelSha256(), Clock.systemUTC());
        RetrainJob retrain = new RetrainJob(labels, cfg, List.of(poolFile), modelDir, tmp.resolve("runs"),
                t -> session.useModel(t, t.manifest().modelSha256()));
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

    @Test
    void retrainOnThePageMakesTheModelTrainMakesFromTheSameFiles() throws Exception {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "1".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
        String first = shownItem();
        press("1");
        press(Keys.ENTER);
        waitForItemOtherThan(first);
        String second = shownItem();
        press("3");
        press(Keys.ENTER);
        waitForItemOtherThan(second);
        String onPage = shownItem();
        assertTrue(browser.findElement(By.id("message")).getText().startsWith("Saved " + second),
                browser.findElement(By.id("message")).getText());
        assertTrue(browser.findElement(By.cssSelector("#topics .topic .threshold")).isDisplayed()
                && browser.findElement(By.cssSelector("#topics .topic .threshold")).getText().matches(
                        "threshold \\d\\.\\d\\d.*"), "each topic shows its threshold without hovering");

        press("r");
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElement(By.id("message")).getText()
                .startsWith("Retrained"));
        String message = browser.findElement(By.id("message")).getText();
        assertFalse(message.contains("Saved"), "the old Saved message is gone: " + message);
        assertEquals(onPage, shownItem(), "the item on the page stays after the retrain");
        assertTrue(message.contains("This item stays"), message);
        assertTrue(message.contains("2 already labelled left out"), "the labelled pool items are not unlabelled: "
                + message);
        Path pageVersion = current(modelDir);

        Path cliModel = tmp.resolve("models/cli");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = io.rubrique.cli.Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("train", "--labels", labels.toString(), "--config", configFile.toString(),
                        "--unlabelled", poolFile.toString(), "--model", cliModel.toString(), "--no-eval");
        assertEquals(0, code, err.toString());
        JsonNode page = withoutTimes(Json.mapper().readTree(pageVersion.resolve("manifest.json").toFile()));
        JsonNode cli = withoutTimes(Json.mapper().readTree(current(cliModel).resolve("manifest.json").toFile()));
        assertEquals(cli, page, "the page's model and train's have the same provenance apart from time");
        assertEquals(6, page.at("/unlabelled/items").asInt(), "8 pool items, 2 of them labelled on the page");
        assertEquals("self-training", page.at("/unlabelled/method").asText());
        TopicTagger a = TopicTagger.load(modelDir);
        TopicTagger b = TopicTagger.load(cliModel);
        for (var c : LabelFixtures.pool(8)) {
            assertEquals(b.tag(c.title(), c.text()).scores().values(), a.tag(c.title(), c.text()).scores().values(),
                    "same scores for " + c.id());
        }
    }

    /** The version directory a model directory's CURRENT names. */
    private static Path current(Path modelDir) throws java.io.IOException {
        return modelDir.resolve(Files.readString(modelDir.resolve("CURRENT")).strip());
    }

    /** A manifest without what differs between two trainings of the same data: when, how long, the file digest. */
    private static JsonNode withoutTimes(JsonNode manifest) {
        com.fasterxml.jackson.databind.node.ObjectNode m = manifest.deepCopy();
        m.remove(List.of("created_at", "model_sha256"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("training")).remove("train_millis");
        return m;
    }
}
