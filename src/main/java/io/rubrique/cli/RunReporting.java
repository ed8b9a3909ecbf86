package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.model.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Glue between {@code train} and the evaluation package: cross-validates and writes the run report. */
final class RunReporting {
    private RunReporting() {
    }

    static void evaluateAndReport(PrintWriter out, LabelSet data, ExperimentConfig cfg, long seed, Path runsDir,
            Path modelDir, Manifest manifest) {
        out.println("report:  (evaluation not wired yet)");
    }
}
