package io.rubrique.eval;

import io.rubrique.config.EvaluationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.model.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Small, fast evaluation runs for tests: 3 folds x 2 repeats, one learning-curve repeat, silent progress. */
public final class EvalFixtures {
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private EvalFixtures() {
    }

    public static ExperimentConfig config(String name, int folds, int repeats) {
        return new ExperimentConfig(name, "test config", null, null, null, null, null, null,
                new EvaluationConfig(folds, repeats, 42L));
    }

    public static EvaluationRun.Options options(Instant at) {
        return EvaluationRun.Options.defaults().withCurveRepeats(1).withThreads(2)
                .withProgress((task, n) -> Progress.silent()).withClock(Clock.fixed(at, ZoneOffset.UTC));
    }

    public static RunResult run(Path runsDir, LabelSet data, long seed, Trainer trainer, Instant at)
            throws IOException {
        return EvaluationRun.run(io.rubrique.model.TrainingSet.of(data), config("tiny", 3, 2), trainer, seed, Optional.empty(), runsDir, "evaluate",
                Map.of(), options(at));
    }
}
