package io.rubrique.cli;

import io.rubrique.active.Pick;
import io.rubrique.active.Selection;
import io.rubrique.active.Strategies;
import io.rubrique.active.Strategy;
import io.rubrique.active.Suggestions;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.PoolReader;
import io.rubrique.model.Trainer;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainingSet;
import io.rubrique.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique suggest}: ranks unlabelled items by how much labelling them should help the model, skipping
 * items already labelled and duplicates, and says why each was chosen.
 */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Rank unlabelled items by how much labelling them should help, best first.",
            "Skips items already labelled (same normalised text) and duplicates in the pool; each line says why the "
                + "item was chosen: the topic, the model's score and threshold, and for the committee how many "
                + "fold models tag it. Without a model, or while a topic has fewer than 3 labels, the first batch "
                + "explores (seed words of the rare topics, then farthest-first over the texts)."})
public final class SuggestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "FILE", arity = "1..*",
            description = "Unlabelled items, JSON lines {\"id\", \"title\"?, \"text\"} (default: labels/inbox.jsonl).")
    List<Path> pool = new ArrayList<>(List.of(Path.of("labels/inbox.jsonl")));

    @Mixin
    SharedOptions.Labels labels;

    /** The model to score with; without --model, models/default when it exists, else a cold start. */
    @Mixin
    SharedOptions.Model model;

    /** The config a committee is trained with, and the seed's default. */
    @Mixin
    SharedOptions.Config config;

    @Option(names = "--n", paramLabel = "N", description = "How many to suggest (default: ${DEFAULT-VALUE}).")
    int n = 20;

    @Option(names = "--strategy", paramLabel = "S", completionCandidates = RegistryHelp.StrategyNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (default = " + Strategies.DEFAULT + ").")
    String strategy = "default";

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON lines here (atomically) instead of a table on stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (n < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--n must be at least 1");
        }
        Strategy s = Strategies.get(strategy);
        LabelSet labelled = LabelReader.read(labels.path);
        ExperimentConfig cfg = config.read(err);
        long runSeed = seed.or(cfg);
        PoolReader.Pool items = PoolReader.read(pool);
        ScoringModel scorer = null;
        List<? extends ScoringModel> committee = List.of();
        Path modelDir = model.orDefault();
        if (model.given() || Files.exists(modelDir)) {
            TopicTagger t = TopicTagger.load(modelDir);
            if (!t.topics().sameIds(labelled.topics())) {
                throw new IllegalArgumentException(modelDir + ": the model's topics " + t.topics()
                        + " are not the label set's " + labelled.topics() + "; retrain it");
            }
            scorer = t;
        }
        if (s.needsCommittee() && !labelled.items().isEmpty()) {
            err.println("training the committee of fold models on " + labelled.items().size() + " items...");
            err.flush();
            BinaryRelevanceTrainer.Committee c = Trainer.forConfig(cfg)
                    .trainWithCommittee(TrainingSet.of(labelled), runSeed);
            committee = c.folds();
            scorer = scorer != null ? scorer : c.model();
        }
        long t0 = System.nanoTime();
        Selection sel = Selection.of(labelled.topics(), labelled.items(), items.items(), scorer, committee, runSeed);
        List<Pick> picks = s.select(sel, n);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String used = Suggestions.effective(s, sel);
        err.printf(Locale.ROOT, "%d candidate(s) (%d already labelled, %d duplicate(s) skipped); %s%s; ranked in %d ms%n",
                sel.size(), sel.skippedLabelled(), sel.skippedDuplicates(), used,
                scorer == null ? " (no model: cold start)" : sel.rareTopics().isEmpty() ? ""
                        : " (few labels for " + String.join(", ", sel.rareTopics()) + ")", ms);
        List<String> lines = Suggestions.lines(picks, used);
        if (out != null) {
            AtomicFiles.write(out, os -> {
                for (String l : lines) {
                    os.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            err.println(picks.size() + " suggestion(s) -> " + out);
        } else {
            for (Pick p : picks) {
                o.printf(Locale.ROOT, "%3d  %-16s %-60s  %s%n", p.rank(), p.item().id(), abbreviate(p.item().title()),
                        p.reason().why());
            }
        }
        o.flush();
        err.flush();
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
