package io.rubrique.eval;

import io.rubrique.data.TopicSet;
import io.rubrique.eval.RunReport.ForecastPoint;
import io.rubrique.eval.RunReport.TopicForecast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What more labels should buy: each topic's learning curve (F1 against training items) fitted with an inverse
 * {@link PowerLaw}, once on the curve's estimates and once per bootstrap resample (the resamples are shared by
 * the curve's points, so each resample is a whole curve), and read at {@link #MULTIPLES} times the current labels.
 * Macro-F1 is the mean of the topics' forecasts. The interval is the resampled forecasts' ({@link
 * Bootstrap#interval95}); it holds how much the curve's shape is unsure, not how wrong the power law may be, so the
 * advice calls a curve flat only when even the upper bound of doubling's gain is small.
 */
final class Forecasts {
    /** The label counts forecast, as multiples of the current ones. */
    static final List<Integer> MULTIPLES = List.of(2, 4, 8);
    /** A gain of macro-F1 from doubling the labels below this is not worth much labelling. */
    static final double WORTH = 0.02;
    /** A doubling-gain interval wider than this cannot tell flat from rising. */
    static final double WIDE_GAIN = 0.08;
    /**
     * A forecast interval wider than this says the curve itself is too unsure (few items, a noisy curve) for
     * its flatness to mean anything; on the 49 seed labels it is about 0.2.
     */
    static final double WIDE_FORECAST = 0.15;

    private Forecasts() {
    }

    /** The forecasts and the advice sentence they support. */
    record Result(List<ForecastPoint> points, String advice) {
    }

    /**
     * @param labels     the labelled items now (a model trained on all of them is the one in use)
     * @param trainItems the mean training-set size at each curve point
     * @param perRepeat  each curve point's metrics per repeat
     * @param resampled  each curve point's metrics per bootstrap resample (same resamples at every point)
     */
    static Result forecast(TopicSet topics, int labels, double[] trainItems, List<List<MetricValues>> perRepeat,
            List<Bootstrap.Resampled> resampled) {
        List<String> ids = topics.ids();
        int nt = ids.size();
        int points = trainItems.length;
        int resamples = resampled.get(0).size();
        // fitted[t] on the estimates; perResample[t][b]
        PowerLaw[] fitted = new PowerLaw[nt];
        PowerLaw[][] perResample = new PowerLaw[nt][resamples];
        for (int t = 0; t < nt; t++) {
            int k = t;
            double[] y = new double[points];
            for (int p = 0; p < points; p++) {
                y[p] = perRepeat.get(p).stream().mapToDouble(m -> m.confusions()[k].f1()).average().orElse(Double.NaN);
            }
            fitted[t] = PowerLaw.fit(trainItems, y);
            for (int b = 0; b < resamples; b++) {
                double[] yb = new double[points];
                for (int p = 0; p < points; p++) {
                    yb[p] = resampled.get(p).of(b).confusions()[k].f1();
                }
                perResample[t][b] = PowerLaw.fit(trainItems, yb);
            }
        }
        double now = macro(fitted, labels);
        double[] nowResampled = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            nowResampled[b] = macro(column(perResample, b), labels);
        }
        List<ForecastPoint> out = new ArrayList<>();
        for (int multiple : MULTIPLES) {
            int items = multiple * labels;
            Map<String, TopicForecast> perTopic = new LinkedHashMap<>();
            for (int t = 0; t < nt; t++) {
                double[] v = new double[resamples];
                for (int b = 0; b < resamples; b++) {
                    v[b] = perResample[t][b].at(items);
                }
                double f = fitted[t].at(items);
                perTopic.put(ids.get(t), new TopicForecast(f, Bootstrap.interval95(v, f, 0, 1),
                        f - fitted[t].at(labels)));
            }
            double[] macro = new double[resamples];
            double[] gain = new double[resamples];
            for (int b = 0; b < resamples; b++) {
                macro[b] = macro(column(perResample, b), items);
                gain[b] = macro[b] - nowResampled[b];
            }
            double m = macro(fitted, items);
            out.add(new ForecastPoint(items, m, Bootstrap.interval95(macro, m, 0, 1), m - now,
                    Bootstrap.interval95(gain, m - now, -1, 1), perTopic));
        }
        return new Result(out, advice(labels, now, out));
    }

    private static PowerLaw[] column(PowerLaw[][] perResample, int b) {
        PowerLaw[] out = new PowerLaw[perResample.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = perResample[t][b];
        }
        return out;
    }

    private static double macro(PowerLaw[] curves, double items) {
        double s = 0;
        for (PowerLaw p : curves) {
            s += p.at(items);
        }
        return s / curves.length;
    }

    /** One sentence answering "should I label more?" from the forecast at twice and eight times the labels. */
    static String advice(int labels, double now, List<ForecastPoint> forecast) {
        ForecastPoint twice = forecast.get(0);
        ForecastPoint most = forecast.get(forecast.size() - 1);
        String best = twice.perTopic().entrySet().stream()
                .max(java.util.Comparator.comparingDouble(e -> e.getValue().gain())).map(Map.Entry::getKey)
                .orElse(null);
        String bestPart = best == null || twice.perTopic().get(best).gain() <= 0 ? ""
                : "; " + best + " would gain most (" + signed(twice.perTopic().get(best).gain()) + " F1)";
        String figures = String.format(Locale.ROOT,
                "with %d labels instead of %d the learning curve forecasts macro-F1 %.3f %s, %s on the fitted %.3f "
                        + "now (%d labels: %.3f %s)",
                twice.items(), labels, twice.macroF1(), range(twice.ci95(), "%.3f"), signed(twice.gain()) + " "
                        + range(twice.gainCi95(), "%+.3f"), now, most.items(), most.macroF1(),
                range(most.ci95(), "%.3f"));
        double lo = twice.gainCi95().get(0);
        double hi = twice.gainCi95().get(1);
        boolean wide = twice.ci95().get(1) - twice.ci95().get(0) > WIDE_FORECAST || hi - lo > WIDE_GAIN;
        if (lo >= WORTH) {
            return "More labels should still pay: " + figures + bestPart + ".";
        }
        if (wide) {
            return "Can't tell yet whether more labels pay: " + figures + "; the intervals are too wide to call the "
                    + "curve flat, so label more and look again" + bestPart + ".";
        }
        if (hi < WORTH) {
            return "The learning curve is flattening: " + figures + "; more labels of the same kind are unlikely to "
                    + "help much" + (best == null ? "" : ", except perhaps for " + best) + ".";
        }
        return "More labels may still pay a little: " + figures + bestPart + ".";
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    private static String range(List<Double> ci, String format) {
        return ci == null ? "" : String.format(Locale.ROOT, "[" + format + ", " + format + "]", ci.get(0), ci.get(1));
    }
}
