package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.Manifest;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique train}: fits the model a config describes on the labelled items, writes it to a model directory
 * (atomically), and by default cross-validates the same config and writes a run report under experiments/runs.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from labelled items and write it to a model directory.",
            "Writes model.ser + manifest.json atomically, then cross-validates the same config and writes a run",
            "report (unless --no-eval)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--labels", paramLabel = "FILE|DIR", description = "Labelled items (default: ${DEFAULT-VALUE}).")
    Path labels = Path.of("labels/snippets.jsonl");

    @Option(names = "--config", paramLabel = "FILE", description = "Experiment config (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("experiments/default.json");

    @Option(names = "--model", paramLabel = "DIR", description = "Where to write the model (default: models/<config name>).")
    Path model;

    @Option(names = "--seed", description = "Seed for inner folds and evaluation (default: the config's evaluation.seed).")
    Long seed;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Where run reports go (default: ${DEFAULT-VALUE}).")
    Path runsDir = Path.of("experiments/runs");

    @Option(names = "--test", paramLabel = "FILE", description = "A held-out labelled file, scored by the final model in the report.")
    Path test;

    @Option(names = "--no-eval", description = "Only fit and save the model; skip cross-validation and the report.")
    boolean noEval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentConfig cfg = ExperimentConfig.read(config);
        LabelSet data = LabelReader.read(labels);
        Optional<LabelSet> testSet = test == null ? Optional.empty() : Optional.of(LabelReader.read(test));
        long runSeed = seed != null ? seed : cfg.evaluation().seed();
        Path modelDir = model != null ? model : Path.of("models", cfg.name());

        long t0 = System.nanoTime();
        TrainedModel trained = new BinaryRelevanceTrainer(cfg).train(data.items(), runSeed);
        long trainMs = (System.nanoTime() - t0) / 1_000_000;
        Manifest manifest = ModelArtifact.save(modelDir, trained, ModelProvenance.draft(trained, cfg, data, runSeed));

        out.printf("model:   %s  (config %s, %d items, trained in %d ms, sha256 %s)%n", modelDir, cfg.name(),
                data.items().size(), trainMs, manifest.modelSha256().substring(0, 12));
        StringBuilder th = new StringBuilder();
        manifest.thresholds().forEach((t, v) -> th.append(String.format(Locale.ROOT, " %s=%.2f", t, v)));
        out.println("thresholds:" + th);
        if (!noEval) {
            out.println("cross-validating (" + cfg.evaluation().folds() + " folds x " + cfg.evaluation().repeats()
                    + " repeats) for the report...");
            out.flush();
            RunReporting.evaluateAndReport(out, data, cfg, runSeed, testSet, runsDir, modelDir, manifest, trained);
        }
        out.flush();
        return 0;
    }
}
