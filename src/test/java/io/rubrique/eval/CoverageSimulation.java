package io.rubrique.eval;

import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Does the report's 95% interval cover the figure on new items? Draws many small labelled samples from a large
 * synthetic population, evaluates each exactly as {@code rubrique evaluate} does, trains on the whole sample and
 * scores the rest of the population (the "new items"), and counts how often the interval holds that figure.
 * {@link CoverageTest} runs a few trials; {@code main} runs many, for the figures in the closing note:
 *
 * <pre>{@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.rubrique.eval.CoverageSimulation 200 50}</pre>
 */
public final class CoverageSimulation {
    /** Trials, how many covered, and the mean interval width and the mean |estimate − truth|. */
    public record Result(int trials, int covered, double meanWidth, double meanError, double meanSignedError,
            int truthAbove, int truthBelow) {
        double coverage() {
            return (double) covered / trials;
        }
    }

    private CoverageSimulation() {
    }

    public static Result run(int trials, int n, int population, long seed, Trainer trainer) {
        List<LabelledItem> all = SyntheticData.items(population, seed);
        Random r = new Random(seed + 1);
        int covered = 0;
        double width = 0;
        double error = 0;
        double signed = 0;
        int above = 0;
        int below = 0;
        for (int k = 0; k < trials; k++) {
            List<LabelledItem> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, r);
            List<LabelledItem> sample = shuffled.subList(0, n);
            List<LabelledItem> rest = shuffled.subList(n, shuffled.size());
            LabelSet data = SyntheticData.labelSet(List.copyOf(sample), "trial-" + k);
            int folds = Integer.getInteger("rubrique.coverage.folds", 10);
            int repeats = Integer.getInteger("rubrique.coverage.repeats", 5);
            RunOutcome o = EvaluationRun.evaluate(TrainingSet.of(data), EvalFixtures.config("cov", folds, repeats), trainer,
                    seed + k, Optional.empty(), Path.of("target/coverage-runs"), "evaluate", Map.of(),
                    EvalFixtures.options(EvalFixtures.T0).withCurveRepeats(0));
            Estimate e = o.report().metrics().macroF1();
            TrainedModel m = trainer.train(TrainingSet.of(data), seed + k);
            double truth = macroF1(m, rest, data);
            covered += e.ci95().get(0) <= truth && truth <= e.ci95().get(1) ? 1 : 0;
            above += truth > e.ci95().get(1) ? 1 : 0;
            below += truth < e.ci95().get(0) ? 1 : 0;
            width += (e.ci95().get(1) - e.ci95().get(0)) / trials;
            error += Math.abs(e.mean() - truth) / trials;
            signed += (e.mean() - truth) / trials;
        }
        return new Result(trials, covered, width, error, signed, above, below);
    }

    static double macroF1(TrainedModel m, List<LabelledItem> items, LabelSet data) {
        List<String> ids = data.topics().ids();
        boolean[][] gold = new boolean[items.size()][ids.size()];
        double[][] scores = new double[items.size()][];
        double[][] th = new double[items.size()][];
        double[] thresholds = m.thresholds().values().stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < ids.size(); t++) {
                gold[i][t] = items.get(i).has(ids.get(t));
            }
            scores[i] = m.tag(items.get(i).title(), items.get(i).text()).scores().values().stream()
                    .mapToDouble(Double::doubleValue).toArray();
            th[i] = thresholds;
        }
        return MetricValues.of(new Predictions(0, data.topics(), gold, scores, th, new int[items.size()]), false)
                .macroF1();
    }

    public static void main(String[] args) {
        int trials = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            Result r = run(trials, n, 5000, 17, new KeywordTrainer());
            System.out.printf(java.util.Locale.ROOT, "n=%d: %d/%d covered (%.1f%%; truth above %d, below %d), mean width"
                    + " %.3f, mean |error| %.3f, mean error %+.3f%n", n, r.covered(), r.trials(), 100 * r.coverage(),
                    r.truthAbove(), r.truthBelow(), r.meanWidth(), r.meanError(), r.meanSignedError());
        }
    }
}
