package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.model.Trainer;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique train}: fits the model a config describes on the labelled items, saves it as a new version of
 * the model directory (the previous version stays current until the new one is complete and loads back), and by
 * default cross-validates the same config and writes a run report under experiments/runs.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from labelled items and save it as a new version of a model directory.",
            "The new version becomes current only once written, forced to disk and loaded back; then the same "
                + "config is cross-validated and a run report written (unless --no-eval). The labelling page's "
                + "Retrain trains the same way."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.Labels labels;

    @Mixin
    SharedOptions.Config config;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: models/<config name>).")
    Path model;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Where run reports go (default: ${DEFAULT-VALUE}).")
    Path runsDir = Path.of("experiments/runs");

    @Option(names = "--test", paramLabel = "FILE", description = "A held-out labelled file, scored by the final model in the report.")
    Path test;

    @Option(names = "--no-eval", description = "Only fit and save the model; skip cross-validation and the report.")
    boolean noEval;

    @Option(names = "--unlabelled", paramLabel = "FILE", arity = "1..*",
            description = "Unlabelled items for the config's unlabelled method (default: inbox.jsonl beside the labels when it exists and the config enables one).")
    List<Path> unlabelled;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ExperimentConfig cfg = config.read(spec.commandLine().getErr());
        LabelSet data = LabelReader.read(labels.path);
        Optional<LabelSet> testSet = test == null ? Optional.empty()
                : Optional.of(LabelReader.read(test, data.topics()));
        long runSeed = seed.or(cfg);
        Path modelDir = model != null ? model : Path.of("models", cfg.name());
        refuseTooFew(data.items().size(), cfg.evaluation().folds());
        TrainingSet training = UnlabelledOption.apply(data, cfg, unlabelled,
                spec.commandLine().getErr());

        TrainedModel trained = Trainer.forConfig(cfg).train(training, runSeed);
        ModelArtifact.Saved saved = ModelArtifact.save(modelDir, trained);

        out.printf("model:   %s  (version %s; config %s, %d items, %d topics, trained in %d ms, sha256 %s)%n",
                modelDir, saved.versionDir().getFileName(), cfg.name(), data.items().size(), data.topics().size(),
                trained.provenance().training().trainMillis(), saved.manifest().modelSha256().substring(0, 12));
        StringBuilder th = new StringBuilder();
        trained.thresholds().forEach((t, v) -> th.append(String.format(Locale.ROOT, " %s=%.2f", t, v)));
        out.println("thresholds:" + th);
        if (!noEval) {
            out.println("cross-validating (" + cfg.evaluation().folds() + " folds x " + cfg.evaluation().repeats()
                    + " repeats) for the report...");
            out.flush();
            RunReporting.evaluateAndReport(out, training, cfg, runSeed, testSet, runsDir, saved, trained,
                    io.rubrique.trust.Agreement.ofSecondOpinions(labels.path, data, runSeed));
        }
        out.flush();
        return 0;
    }

    /** Fewest labelled items a model is fitted on. */
    static final int MIN_FIT_ITEMS = 2;
    /** Fewest items the smallest learning-curve share of a fold's training part may hold. */
    private static final int MIN_CURVE_ITEMS = 2;

    /**
     * Refuses, before anything is fitted or installed, a label set too small to fit a model or (unless
     * --no-eval) to cross-validate it with the config's folds and learning curve.
     */
    private void refuseTooFew(int items, int folds) {
        if (items < MIN_FIT_ITEMS) {
            throw new IllegalArgumentException(labels.path + ": " + items + " labelled item(s); a model needs at least "
                    + MIN_FIT_ITEMS + " (nothing was installed)");
        }
        int needed = minimumForEvaluation(folds);
        if (!noEval && items < needed) {
            throw new IllegalArgumentException(labels.path + ": " + items + " labelled items are too few to"
                    + " cross-validate with " + folds + " folds (need at least " + needed + "; label more, lower"
                    + " evaluation.folds or pass --no-eval); nothing was installed");
        }
    }

    /** The fewest items whose every fold's training part, at the smallest curve share, holds {@link #MIN_CURVE_ITEMS}. */
    static int minimumForEvaluation(int folds) {
        double smallest = io.rubrique.eval.EvaluationRun.CURVE_FRACTIONS.get(0);
        int perFold = (int) Math.ceil(MIN_CURVE_ITEMS / smallest);
        int n = Math.max(folds, MIN_FIT_ITEMS);
        while (n - (n + folds - 1) / folds < perFold) {
            n++;
        }
        return n;
    }
}
