package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.SeedLabels;
import io.rubrique.model.Manifest;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TopicTagger;
import io.rubrique.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rubrique train} end to end with a real (small, fixed-threshold) config. */
class TrainCommandTest {
    private static final String FIXED = "src/test/resources/core/fixed-liblinear.json";

    @TempDir
    Path tmp;

    @Test
    void trainWritesTheModelAndPrintsItsPath() throws Exception {
        Path model = tmp.resolve("model");
        Path runs = tmp.resolve("runs");
        Outcome o = rubrique("train", "--no-eval", "--labels", SeedLabels.SNIPPETS.toString(), "--config", FIXED,
                "--model", model.toString(), "--seed", "17", "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("model:   " + model + "  (version "), o.out());
        assertTrue(o.out().contains("config core-test, 49 items, 4 topics"), o.out());
        assertTrue(o.out().contains("thresholds: digital=0.50 security=0.50 party-congress=0.50 "
                + "bilateral-relations=0.50"), o.out());
        Path version = ModelArtifact.resolve(model);
        assertTrue(Files.isRegularFile(version.resolve(ModelArtifact.MANIFEST_FILE)));
        assertTrue(Files.isRegularFile(version.resolve(ModelArtifact.MODEL_FILE)));
        assertFalse(Files.exists(runs), "--no-eval wrote a run report");

        Manifest m = TopicTagger.load(model).manifest();
        assertEquals("core-test", m.name());
        assertEquals(17, m.seed());
        assertEquals(io.rubrique.data.LabelReader.read(SeedLabels.SNIPPETS).sha256(), m.data().sha256());
        assertEquals(Hashing.sha256(List.of(SeedLabels.SNIPPETS, SeedLabels.TOPICS)),
                m.data().sha256(), "the digest covers the labels and the topic declaration");
        assertTrue(o.out().contains("sha256 " + m.modelSha256().substring(0, 12)), o.out());
    }

    @Test
    void aBadConfigIsOneLineAndExitOne() {
        Path model = tmp.resolve("model");
        Outcome o = rubrique("train", "--no-eval", "--labels", SeedLabels.DIR.toString(), "--config",
                "src/test/resources/core/bad-learner.json",
                "--model", model.toString());
        assertEquals(1, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("rubrique train: src/test/resources/core/bad-learner.json: learner.type: 'rf'"),
                o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void aMissingConfigOrLabelsFileIsNamed() {
        Path model = tmp.resolve("model");
        Outcome noConfig = rubrique("train", "--no-eval", "--labels", SeedLabels.DIR.toString(), "--config",
                tmp.resolve("nope.json").toString(),
                "--model", model.toString());
        assertEquals(1, noConfig.code());
        assertEquals("rubrique train: " + tmp.resolve("nope.json") + ": config file not found",
                noConfig.err().strip());
        Outcome noLabels = rubrique("train", "--no-eval", "--config", FIXED, "--labels",
                tmp.resolve("none.jsonl").toString(), "--model", model.toString());
        assertEquals(1, noLabels.code());
        assertEquals(1, noLabels.err().lines().count(), noLabels.err());
        assertTrue(noLabels.err().contains(tmp.resolve("none.jsonl").toString()), noLabels.err());
        assertFalse(Files.exists(model));
    }
}
