package io.rubrique.active;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.Bootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What {@code report.json} of a simulate run holds: the setup and data, and per strategy the learning curve
 * (macro-F1 against labels queried, mean and 95% interval over repeats), its paired gain over random at every
 * round, and how many queried labels it needs to reach random's final figure.
 */
public record SimulationReport(String runId, String kind, String startedAt, String finishedAt,
        ExperimentConfig config, TopicSet topics, Map<String, DataProvenance> data, Settings settings,
        Map<String, StrategyCurve> strategies, String summary, Map<String, String> versions, String codeRevision) {

    /** How the simulation ran. */
    public record Settings(int batch, int budget, int repeats, long seed, String test, int poolSize, int testSize,
            int startItems, String intervals) {
    }

    /** One strategy's curve. */
    public record StrategyCurve(List<Point> points, Integer labelsToReachRandomFinal, Double finalGainOverRandom,
            List<Double> finalGainInterval) {
    }

    /** One round: queried labels, all labels, macro- and micro-F1 and per-topic F1 (means), gain over random. */
    public record Point(int queried, double labels, Figure macroF1, Figure microF1, Map<String, Double> f1,
            Figure gainOverRandom) {
    }

    /** A mean over repeats with its 95% percentile-bootstrap interval over repeats, and the per-repeat values. */
    public record Figure(double mean, List<Double> ci95, List<Double> values) {
        /** The mean of {@code values} and a 95% percentile-bootstrap interval over them (inside their range). */
        static Figure of(double[] values, long seed) {
            double mean = 0;
            List<Double> v = new ArrayList<>();
            for (double x : values) {
                mean += x / values.length;
                v.add(x);
            }
            if (values.length < 2) {
                return new Figure(mean, List.of(mean, mean), v);
            }
            Random r = new Random(seed);
            double[] means = new double[Bootstrap.RESAMPLES];
            for (int b = 0; b < means.length; b++) {
                double s = 0;
                for (int i = 0; i < values.length; i++) {
                    s += values[r.nextInt(values.length)];
                }
                means[b] = s / values.length;
            }
            return new Figure(mean, Bootstrap.percentile95(means), v);
        }
    }

    /** Builds the report from a finished simulation. */
    public static SimulationReport of(String runId, String startedAt, String finishedAt, Simulation.Result r,
            Map<String, DataProvenance> data, String testDescription, Map<String, String> versions,
            String revision) {
        Simulation.Setup s = r.setup();
        List<List<Simulation.Round>> random = r.rounds().get(Strategies.BASELINE);
        Map<String, StrategyCurve> curves = new LinkedHashMap<>();
        double randomFinal = Double.NaN;
        if (random != null) {
            randomFinal = meanAt(random, lastCommon(random));
        }
        for (Map.Entry<String, List<List<Simulation.Round>>> e : r.rounds().entrySet()) {
            List<List<Simulation.Round>> reps = e.getValue();
            int rounds = lastCommon(reps) + 1;
            List<Point> points = new ArrayList<>();
            Integer reach = null;
            for (int k = 0; k < rounds; k++) {
                int kk = k;
                double[] macro = reps.stream().mapToDouble(x -> x.get(kk).macroF1()).toArray();
                double[] micro = reps.stream().mapToDouble(x -> x.get(kk).microF1()).toArray();
                Map<String, Double> f1 = new LinkedHashMap<>();
                for (String t : s.topics().ids()) {
                    f1.put(t, reps.stream().mapToDouble(x -> x.get(kk).f1().get(t)).average().orElse(Double.NaN));
                }
                Figure gain = null;
                if (random != null && k < lastCommon(random) + 1) {
                    double[] d = new double[reps.size()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = reps.get(i).get(k).macroF1() - random.get(i).get(k).macroF1();
                    }
                    gain = Figure.of(d, s.seed() + k);
                }
                double labels = reps.stream().mapToInt(x -> x.get(kk).labels()).average().orElse(0);
                Figure m = Figure.of(macro, s.seed() + 1000 + k);
                points.add(new Point(reps.get(0).get(k).queried(), labels, m, Figure.of(micro, s.seed() + 2000 + k),
                        f1, gain));
                if (reach == null && !Double.isNaN(randomFinal) && m.mean() >= randomFinal - 1e-12) {
                    reach = reps.get(0).get(k).queried();
                }
            }
            Point last = points.get(points.size() - 1);
            curves.put(e.getKey(), new StrategyCurve(points, reach, last.gainOverRandom() == null ? null
                    : last.gainOverRandom().mean(), last.gainOverRandom() == null ? null
                            : last.gainOverRandom().ci95()));
        }
        Settings settings = new Settings(s.batch(), s.budget(), s.repeats(), s.seed(), testDescription,
                r.poolSize(), r.testSize(), s.start().size() + s.startDraws(),
                "mean over repeats with a 95% percentile bootstrap interval over the repeats; gains are paired "
                        + "(same start, pool and test items in each repeat)");
        return new SimulationReport(runId, "simulate", startedAt, finishedAt, s.config(), s.topics(), data, settings,
                curves, summary(curves, randomFinal), versions, revision);
    }

    private static int lastCommon(List<List<Simulation.Round>> reps) {
        return reps.stream().mapToInt(List::size).min().orElse(1) - 1;
    }

    private static double meanAt(List<List<Simulation.Round>> reps, int k) {
        return reps.stream().mapToDouble(x -> x.get(k).macroF1()).average().orElse(Double.NaN);
    }

    /** One sentence per strategy: its final figure, its gain over random, and the labels it needs to match it. */
    static String summary(Map<String, StrategyCurve> curves, double randomFinal) {
        StringBuilder sb = new StringBuilder();
        curves.forEach((name, c) -> {
            Point last = c.points().get(c.points().size() - 1);
            sb.append(String.format(Locale.ROOT, "%s: macro-F1 %.3f [%.3f, %.3f] after %d queried labels", name,
                    last.macroF1().mean(), last.macroF1().ci95().get(0), last.macroF1().ci95().get(1),
                    last.queried()));
            if (!Strategies.BASELINE.equals(name) && c.finalGainOverRandom() != null) {
                sb.append(String.format(Locale.ROOT, ", %+.3f [%+.3f, %+.3f] over random", c.finalGainOverRandom(),
                        c.finalGainInterval().get(0), c.finalGainInterval().get(1)));
                sb.append(c.labelsToReachRandomFinal() == null ? "; never reaches random's final figure"
                        : "; reaches random's final figure (" + String.format(Locale.ROOT, "%.3f", randomFinal)
                                + ") after " + c.labelsToReachRandomFinal() + " queried labels");
            }
            sb.append(". ");
        });
        return sb.toString().trim();
    }
}
