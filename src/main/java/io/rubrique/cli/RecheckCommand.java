package io.rubrique.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.config.EvaluationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.Progress;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import io.rubrique.trust.Recheck;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rubrique recheck}: the labels that look wrong, most suspect first. */
@Command(name = "recheck", mixinStandardHelpOptions = true,
        description = {"Rank labelled (item, topic) labels that look wrong, least confident first: out-of-fold "
                + "calibrated scores over repeated cross-validation, flagged by confident learning with each topic's "
                + "thresholds taken from that cross-validation. Prints a table, or writes JSON lines "
                + "{\"id\",\"topic\",\"given\",\"score\",\"suspicion\",\"reason\"} with --out.",
                "suspicion >= 1 is confident learning's label issue; lower ones are the next best to look at."})
public final class RecheckCommand implements Callable<Integer> {
    @Mixin
    SharedOptions.Labels labels;

    @Mixin
    SharedOptions.Config config;

    @Option(names = "--n", paramLabel = "N", defaultValue = "50",
            description = "How many (item, topic) labels to list (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--folds", paramLabel = "K", description = "Folds (default: the config's evaluation.folds).")
    Integer folds;

    @Option(names = "--repeats", paramLabel = "R",
            description = "Repeats of the cross-validation (default: the config's evaluation.repeats).")
    Integer repeats;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON lines here (atomically) instead of a table on stdout.")
    Path out;

    @Spec
    CommandSpec spec;

    private final Function<ExperimentConfig, Trainer> trainers;

    public RecheckCommand() {
        this(Trainer::forConfig);
    }

    /** For tests: another trainer. */
    RecheckCommand(Function<ExperimentConfig, Trainer> trainers) {
        this.trainers = trainers;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (n < 1) {
            err.println("rubrique recheck: --n must be at least 1, not " + n);
            return 2;
        }
        ExperimentConfig cfg = config.read(err);
        EvaluationConfig ev = cfg.evaluation();
        EvaluationConfig used = new EvaluationConfig(folds == null ? ev.folds() : folds,
                repeats == null ? ev.repeats() : repeats, seed.or(cfg));
        List<String> problems = used.problems();
        if (!problems.isEmpty()) {
            err.println("rubrique recheck: " + String.join("; ", problems));
            return 1;
        }
        LabelSet data = LabelReader.read(labels.path);
        err.println("rechecking " + data.items().size() + " items of " + labels.path + " with " + cfg.name() + " ("
                + used.folds() + " folds x " + used.repeats() + " repeats, seed " + used.seed() + ")");
        err.flush();
        List<Recheck.Suspect> ranked;
        try (Progress p = Progress.forStderr("cross-validation", used.folds() * used.repeats())) {
            ranked = Recheck.run(TrainingSet.of(data), trainers.apply(cfg.withEvaluation(used)), used.folds(),
                    used.repeats(), used.seed(), Runtime.getRuntime().availableProcessors(), p);
        }
        List<Recheck.Suspect> top = ranked.subList(0, Math.min(n, ranked.size()));
        long flagged = ranked.stream().filter(s -> s.suspicion() >= 1).count();
        err.printf(Locale.ROOT, "%d label(s) flagged by confident learning (suspicion >= 1) of %d%n", flagged,
                ranked.size());
        if (out != null) {
            List<String> lines = new ArrayList<>();
            for (Recheck.Suspect s : top) {
                ObjectNode j = Json.mapper().createObjectNode();
                j.put("id", s.id()).put("topic", s.topic()).put("given", s.given()).put("score", s.score())
                        .put("suspicion", s.suspicion()).put("reason", s.reason());
                lines.add(Json.mapper().writeValueAsString(j));
            }
            AtomicFiles.write(out, os -> {
                for (String l : lines) {
                    os.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            err.println(top.size() + " label(s) to recheck -> " + out);
        } else {
            int k = 1;
            for (Recheck.Suspect s : top) {
                o.printf(Locale.ROOT, "%3d  %-16s %-22s %-5s %.2f  %.2f  %s%n", k++, s.id(), s.topic(),
                        s.given() ? "given" : "not", s.score(), s.suspicion(), s.reason());
            }
        }
        o.flush();
        err.flush();
        return 0;
    }
}
