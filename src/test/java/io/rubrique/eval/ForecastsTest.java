package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inverse power-law fit and the forecast of what more labels buy. */
class ForecastsTest {
    private static final TopicSet TOPICS = TopicSet.ofIds("a", "b");

    @Test
    void aPowerLawIsRecoveredFromFourPointsAndExtrapolated() {
        PowerLaw truth = new PowerLaw(0.9, 1.2, 0.5);
        double[] x = {40, 60, 80, 100};
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = truth.at(x[k]);
        }
        PowerLaw fit = PowerLaw.fit(x, y);
        assertEquals(truth.at(800), fit.at(800), 0.01);
        assertTrue(fit.at(400) > fit.at(100), "a rising curve keeps rising");
    }

    @Test
    void aFallingOrFlatCurveForecastsNoGainAndNothingOutsideZeroOne() {
        PowerLaw fall = PowerLaw.fit(new double[] {10, 20, 30, 40}, new double[] {0.7, 0.65, 0.62, 0.6});
        assertEquals(0.0, fall.b(), 1e-12);
        assertEquals(fall.at(40), fall.at(4000), 1e-12);
        PowerLaw steep = PowerLaw.fit(new double[] {10, 20, 30, 40}, new double[] {0.2, 0.6, 0.8, 0.95});
        assertTrue(steep.a() <= 1 && steep.at(1e6) <= 1, "the asymptote stays at or below a perfect score");
    }

    /** A curve of four points whose topic "a" rises with {@code rise} per point and "b" stays put, 3 repeats. */
    private static Forecasts.Result forecast(int n, double rise, double noise) {
        Random r = new Random(3);
        double[] trainItems = {0.36 * n, 0.54 * n, 0.72 * n, 0.9 * n};
        List<List<MetricValues>> perRepeat = new ArrayList<>();
        List<Bootstrap.Resampled> resampled = new ArrayList<>();
        Bootstrap bootstrap = new Bootstrap(n, 400, 5);
        for (int p = 0; p < trainItems.length; p++) {
            double rightA = Math.min(0.98, 0.6 + rise * p);
            List<Predictions> reps = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                boolean[][] gold = new boolean[n][2];
                double[][] s = new double[n][2];
                double[][] th = new double[n][2];
                for (int i = 0; i < n; i++) {
                    gold[i][0] = i % 2 == 0;
                    gold[i][1] = i % 3 == 0;
                    boolean okA = r.nextDouble() < rightA;
                    boolean okB = r.nextDouble() < 0.8 + noise * r.nextGaussian();
                    s[i][0] = gold[i][0] == okA ? 0.9 : 0.1;
                    s[i][1] = gold[i][1] == okB ? 0.9 : 0.1;
                    th[i] = new double[] {0.5, 0.5};
                }
                reps.add(new Predictions(rep, TOPICS, gold, s, th, new int[n]));
            }
            perRepeat.add(reps.stream().map(q -> MetricValues.of(q, false)).toList());
            resampled.add(bootstrap.evaluate(reps, false));
        }
        return Forecasts.forecast(TOPICS, n, trainItems, perRepeat, resampled);
    }

    @Test
    void aSteepCurveOnManyItemsForecastsAGainWithIntervalsHoldingTheirForecasts() {
        Forecasts.Result f = forecast(400, 0.08, 0.0);
        assertEquals(List.of(800, 1600, 3200), f.points().stream().map(RunReport.ForecastPoint::items).toList());
        for (RunReport.ForecastPoint p : f.points()) {
            assertTrue(p.ci95().get(0) <= p.macroF1() && p.macroF1() <= p.ci95().get(1), p.toString());
            assertTrue(p.ci95().get(0) >= 0 && p.ci95().get(1) <= 1, p.toString());
            p.perTopic().values().forEach(t -> assertTrue(t.ci95().get(0) <= t.f1() && t.f1() <= t.ci95().get(1)));
        }
        assertTrue(f.points().get(0).gain() > 0.02, f.points().get(0).toString());
        assertTrue(f.advice().startsWith("More labels should still pay"), f.advice());
        assertTrue(f.advice().contains("a would gain most"), f.advice());
    }

    @Test
    void aNoisyCurveOnFewItemsIsNeverCalledFlat() {
        Forecasts.Result f = forecast(49, 0.0, 0.05);
        assertFalse(f.advice().contains("flattening"), f.advice());
        assertTrue(f.advice().startsWith("Can't tell yet"), f.advice());
    }

    @Test
    void aFlatCurveOnManyItemsIsCalledFlattening() {
        Forecasts.Result f = forecast(6000, 0.0, 0.0);
        assertTrue(f.advice().startsWith("The learning curve is flattening"), f.advice());
    }
}
