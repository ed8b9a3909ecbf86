package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.EvaluationRun;
import io.rubrique.eval.RunResult;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.Manifest;
import io.rubrique.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Glue between {@code train} and the evaluation package: cross-validates the config and writes the run report. */
final class RunReporting {
    private RunReporting() {
    }

    static RunResult evaluateAndReport(PrintWriter out, LabelSet data, ExperimentConfig cfg, long seed,
            Optional<LabelSet> test, Path runsDir, Path modelDir, Manifest manifest, TrainedModel finalModel)
            throws IOException {
        RunResult r = EvaluationRun.run(data, cfg, new BinaryRelevanceTrainer(cfg), seed, test, runsDir, "train",
                Map.of("model_path", modelDir.toString(), "model_sha256", manifest.modelSha256()),
                EvaluationRun.Options.defaults().withFinalModel(finalModel));
        EvaluateCommand.printSummary(out, r);
        return r;
    }
}
