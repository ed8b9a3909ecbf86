package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.SeedLabels;
import io.rubrique.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} on a set too small to fit or evaluate fails before anything becomes CURRENT. */
class TrainTooSmallTest {
    private static final String FIXED = "src/test/resources/core/fixed-liblinear.json";

    @TempDir
    Path tmp;

    private Outcome trainOn(int items, boolean eval) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("labels-" + items + "-" + eval));
        List<String> lines = Files.readAllLines(SeedLabels.SNIPPETS);
        Files.write(dir.resolve("snippets.jsonl"), lines.subList(0, items));
        Files.copy(SeedLabels.TOPICS, dir.resolve("topics.json"));
        List<String> args = new java.util.ArrayList<>(List.of("train", "--labels", dir.toString(), "--config", FIXED,
                "--model", tmp.resolve("model").toString(), "--runs-dir", tmp.resolve("runs").toString()));
        if (!eval) {
            args.add("--no-eval");
        }
        return rubrique(args.toArray(String[]::new));
    }

    private void assertRefusedBeforeInstall(Outcome o) {
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("rubrique train: "), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(tmp.resolve("model").resolve(ModelArtifact.POINTER)), "a model was installed: " + o.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "a run report was written");
    }

    @Test
    void oneItemIsRefusedBeforeAModelIsInstalled() throws Exception {
        Outcome o = trainOn(1, true);
        assertRefusedBeforeInstall(o);
        Outcome noEval = trainOn(1, false);
        assertRefusedBeforeInstall(noEval);
    }

    @Test
    void tooFewItemsForTheFoldsAreRefusedBeforeAModelIsInstalled() throws Exception {
        Outcome o = trainOn(3, true);
        assertRefusedBeforeInstall(o);
        assertTrue(o.err().contains("fold"), o.err());
    }

    @Test
    void theMinimumForEvaluationLeavesEveryFoldATrainingPart() {
        assertEquals(10, TrainCommand.minimumForEvaluation(2));
        assertEquals(7, TrainCommand.minimumForEvaluation(5));
    }

    @Test
    void theMinimumForEvaluationIsEnoughToTrainAndInstall() throws Exception {
        Outcome o = trainOn(TrainCommand.minimumForEvaluation(2), true);
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(tmp.resolve("model").resolve(ModelArtifact.POINTER)));
    }
}
