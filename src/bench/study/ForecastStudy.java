import io.rubrique.config.EvaluationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.EvaluationRun;
import io.rubrique.eval.Progress;
import io.rubrique.eval.RunOutcome;
import io.rubrique.eval.RunReport;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Does the learning-curve forecast of {@code train} foresee what more labels give? For each repeat the labelled
 * pool is shuffled (seed 1000 + repeat) and its last 50 items held out. From 49 labels (the seeds) and from 99
 * (the seeds and the first 50 pool items) the run is evaluated exactly as {@code train} does it (10 folds, the
 * learning curve on 3 repeats) and its forecast read at the label count nearest 199 (4 x 49 = 196, 2 x 99 = 198);
 * the truth is the macro-F1 on the held-out items of a model trained on the seeds and the first 150 pool items
 * (199 labels). One line per (repeat, size) on stdout as it finishes, then a Markdown table.
 *
 * With {@code --cv-truth-only}, each repeat prints instead the cross-validated macro-F1 of its 199 labels (seed
 * 42 + repeat, the same protocol): the figure the forecast extrapolates, on the labelled set's own mix of items.
 *
 * <pre>nice -n 10 java -cp target/rubrique.jar src/bench/study/ForecastStudy.java --repeats 5 [--cv-repeats 3]
 * [--cv-truth-only]</pre>
 * Pool texts are read from ../shared/pool/ and never written; nothing is printed but scores.
 */
public final class ForecastStudy {
    public static void main(String[] args) throws Exception {
        int repeats = 5;
        int cvRepeats = 3;
        boolean cvTruthOnly = false;
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        Path configPath = Path.of("experiments/default.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--cv-repeats" -> cvRepeats = Integer.parseInt(args[++i]);
                case "--pool" -> poolPath = Path.of(args[++i]);
                case "--config" -> configPath = Path.of(args[++i]);
                case "--cv-truth-only" -> cvTruthOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!Files.isRegularFile(poolPath)) {
            System.err.println("pool not found: " + poolPath + " (nothing to do)");
            return;
        }
        LabelSet seedSet = LabelReader.read(Path.of("labels/snippets.jsonl"));
        TopicSet topics = seedSet.topics();
        List<LabelledItem> seeds = seedSet.items();
        List<LabelledItem> pool = LabelReader.read(poolPath).items();
        ExperimentConfig base = ExperimentConfig.read(configPath);
        ExperimentConfig config = base.withEvaluation(new EvaluationConfig(10, cvRepeats, 42L));
        BinaryRelevanceTrainer trainer = new BinaryRelevanceTrainer(config);
        Path runs = Files.createTempDirectory("forecast-study");
        StringBuilder table = new StringBuilder("| repeat | labels | CV macro-F1 now | holdout macro-F1 now | forecast at "
                + "~199 [95%] | truth at 199 | error | \\|error\\| <= 0.05 | covered |\n|---|---|---|---|---|---|---|---|---|\n");
        int[][] within = new int[2][2];
        System.out.println("repeat labels cv_now holdout_now forecast_items forecast lo hi truth");
        for (int r = 0; r < repeats; r++) {
            List<LabelledItem> shuffled = new ArrayList<>(pool);
            Collections.shuffle(shuffled, new Random(1000L + r));
            List<LabelledItem> test = shuffled.subList(shuffled.size() - 50, shuffled.size());
            List<LabelledItem> train199 = new ArrayList<>(seeds);
            train199.addAll(shuffled.subList(0, 150));
            if (cvTruthOnly) {
                // what the forecast extrapolates: the cross-validated macro-F1 train reports at 199 labels
                RunOutcome o = EvaluationRun.evaluate(TrainingSet.of(topics, train199), config, trainer, 42L + r,
                        Optional.empty(), runs, "evaluate", Map.of(), EvaluationRun.Options.defaults()
                                .withCurveRepeats(0).withThreads(2).withProgress((t, n) -> Progress.silent()));
                System.out.printf(Locale.ROOT, "%d 199 cv_at_199 %.4f%n", r, o.report().metrics().macroF1().mean());
                continue;
            }
            double truth = holdout(trainer.train(TrainingSet.of(topics, train199), 42L + r), test, topics);
            for (int extra : new int[] {0, 50}) {
                List<LabelledItem> train = new ArrayList<>(seeds);
                train.addAll(shuffled.subList(0, extra));
                RunOutcome o = EvaluationRun.evaluate(TrainingSet.of(topics, train), config, trainer, 42L + r,
                        Optional.empty(), runs, "evaluate", Map.of(), EvaluationRun.Options.defaults()
                                .withCurveRepeats(3).withThreads(2).withProgress((t, n) -> Progress.silent()));
                RunReport.ForecastPoint f = o.report().learningCurve().forecast().stream()
                        .min((a, b) -> Integer.compare(Math.abs(a.items() - 199), Math.abs(b.items() - 199)))
                        .orElseThrow();
                double now = holdout(trainer.train(TrainingSet.of(topics, train), 42L + r), test, topics);
                boolean covered = f.ci95().get(0) <= truth && truth <= f.ci95().get(1);
                System.out.printf(Locale.ROOT, "%d %d %.4f %.4f %d %.4f %.4f %.4f %.4f%n", r, train.size(),
                        o.report().metrics().macroF1().mean(), now, f.items(), f.macroF1(), f.ci95().get(0),
                        f.ci95().get(1), truth);
                table.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.3f [%.3f, %.3f] at %d | %.3f | "
                        + "%+.3f | %s | %s |%n", r, train.size(), o.report().metrics().macroF1().mean(), now, f.macroF1(),
                        f.ci95().get(0), f.ci95().get(1), f.items(), truth, f.macroF1() - truth,
                        Math.abs(f.macroF1() - truth) <= 0.05 ? "yes" : "no", covered ? "yes" : "no"));
                int row = extra == 0 ? 0 : 1;
                within[row][0] += Math.abs(f.macroF1() - truth) <= 0.05 ? 1 : 0;
                within[row][1] += covered ? 1 : 0;
                System.out.println("  advice: " + o.report().learningCurve().lastStep().advice());
            }
        }
        if (cvTruthOnly) {
            return;
        }
        System.out.print(table);
        for (int row = 0; row < 2; row++) {
            System.out.printf(Locale.ROOT, "from %d labels: within 0.05 in %d of %d repeats, covered in %d of %d%n",
                    seeds.size() + 50 * row, within[row][0], repeats, within[row][1], repeats);
        }
    }

    /** Macro-F1 of {@code model} on {@code items} (a 0/0 F1 counts 1: no positive and none predicted). */
    private static double holdout(TrainedModel model, List<LabelledItem> items, TopicSet topics) {
        double sum = 0;
        for (String t : topics.ids()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (LabelledItem it : items) {
                Tagging tagging = model.tag(it.title(), it.text());
                boolean gold = it.has(t);
                boolean predicted = tagging.has(t);
                tp += gold && predicted ? 1 : 0;
                fp += !gold && predicted ? 1 : 0;
                fn += gold && !predicted ? 1 : 0;
            }
            int denom = 2 * tp + fp + fn;
            sum += denom == 0 ? 1.0 : 2.0 * tp / denom;
        }
        return sum / topics.size();
    }
}
