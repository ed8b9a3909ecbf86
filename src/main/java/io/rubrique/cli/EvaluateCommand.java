package io.rubrique.cli;

import io.rubrique.config.EvaluationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.EvaluationRun;
import io.rubrique.eval.RunResult;
import io.rubrique.model.TrainingSet;
import io.rubrique.model.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rubrique evaluate}: Cross-validate a config and write a run report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Cross-validate a config (repeated, stratified k-fold) and write a run report under the "
                + "runs directory.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    SharedOptions.Labels labels;

    @Mixin
    SharedOptions.Config config;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--folds", paramLabel = "K", description = "Folds (default: the config's evaluation.folds).")
    Integer folds;

    @Option(names = "--repeats", paramLabel = "R",
            description = "Repeats (default: the config's evaluation.repeats).")
    Integer repeats;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Held-out test set: train on all the data, score it, report its metrics too.")
    Path test;

    @Option(names = "--unlabelled", paramLabel = "FILE", arity = "1..*",
            description = "Unlabelled items for the config's unlabelled method (default: inbox.jsonl beside the labels when it exists and the config enables one).")
    List<Path> unlabelled;

    @Option(names = "--curve-repeats", paramLabel = "N", defaultValue = "3",
            description = "Repeats used for the learning curve, 0 for none (default: ${DEFAULT-VALUE}).")
    int curveRepeats;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "experiments/runs",
            description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Spec
    CommandSpec spec;

    private final Function<ExperimentConfig, Trainer> trainers;
    private final EvaluationRun.Options options;

    public EvaluateCommand() {
        this(Trainer::forConfig, EvaluationRun.Options.defaults());
    }

    /** For tests: another trainer and other run options (e.g. silent progress). */
    EvaluateCommand(Function<ExperimentConfig, Trainer> trainers, EvaluationRun.Options options) {
        this.trainers = trainers;
        this.options = options;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentConfig cfg = config.read(err);
        EvaluationConfig ev = cfg.evaluation();
        ExperimentConfig effective = cfg.withEvaluation(new EvaluationConfig(folds == null ? ev.folds() : folds,
                repeats == null ? ev.repeats() : repeats, seed.or(cfg)));
        List<String> problems = effective.evaluation().problems();
        if (!problems.isEmpty()) {
            err.println("rubrique evaluate: " + String.join("; ", problems));
            return 1;
        }
        LabelSet data = LabelReader.read(labels.path);
        Optional<LabelSet> testSet = test == null ? Optional.empty()
                : Optional.of(LabelReader.read(test, data.topics()));
        err.println("evaluating " + effective.name() + " on " + labels.path + " (" + data.items().size() + " items, "
                + effective.evaluation().folds() + " folds x " + effective.evaluation().repeats()
                + " repeats, seed " + effective.evaluation().seed() + ")");
        RunResult r = EvaluationRun.run(UnlabelledOption.apply(data, effective, unlabelled, err),
                effective, trainers.apply(effective),
                effective.evaluation().seed(), testSet, runsDir, "evaluate", Map.of(),
                options.withCurveRepeats(curveRepeats).withAgreement(io.rubrique.trust.Agreement.ofSecondOpinions(
                        labels.path, data, effective.evaluation().seed())));
        RunReporting.printSummary(out, r);
        return 0;
    }
}
