package io.rubrique.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rubrique.model.ModelProvenance;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The estimators on a synthetic prior shift where the truth is known: a feature x ~ N(+1, 1) for items with the
 * topic and N(-1, 1) without; scores are the exact posterior at the training prevalence 0.2 (so calibrated there),
 * the threshold 0.5. A batch at prevalence 0.6 keeps the class-conditional scores: counting tags is biased, the
 * corrections are not.
 */
class QuantifierTest {
    private static final double TRAIN = 0.2;

    private static double score(double x) {
        return 1 / (1 + (1 - TRAIN) / TRAIN * Math.exp(-2 * x));
    }

    /** {@code n} items at prevalence {@code p}: scores and gold labels. */
    private static double[][] draw(int n, double p, Random r) {
        double[] s = new double[n];
        double[] gold = new double[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i < Math.round(p * n);
            s[i] = score(r.nextGaussian() + (pos ? 1 : -1));
            gold[i] = pos ? 1 : 0;
        }
        return new double[][] {s, gold};
    }

    private static TopicReference reference(Random r, int n) {
        double[][] h = draw(n, TRAIN, r);
        boolean[] gold = new boolean[n];
        for (int i = 0; i < n; i++) {
            gold[i] = h[1][i] == 1;
        }
        return new TopicReference(0.5, ModelProvenance.HeldOut.of(1, h[0], gold));
    }

    private static boolean[] tags(double[] s) {
        boolean[] t = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            t[i] = s[i] >= 0.5;
        }
        return t;
    }

    @Test
    void correctionsRecoverAShiftedShareThatCountingMisses() {
        Random r = new Random(1);
        TopicReference ref = reference(r, 4000);
        double[] batch = draw(4000, 0.6, r)[0];
        for (String id : Estimators.standard().ids()) {
            double share = new Quantifier(Estimators.standard().get(id), 50, 3).quantify(batch, tags(batch), ref)
                    .share();
            if (id.equals("cc") || id.equals("pcc")) {
                assertTrue(Math.abs(share - 0.6) > 0.08, id + " should be biased under shift, gave " + share);
            } else {
                assertEquals(0.6, share, 0.04, id);
            }
        }
    }

    @Test
    void intervalsStayInsideZeroOneAndCoverTheTruthOfSmallBatches() {
        Random r = new Random(2);
        TopicReference ref = reference(r, 200);
        Quantifier q = new Quantifier(Estimators.standard().get(Estimators.DEFAULT));
        int covered = 0;
        int runs = 60;
        for (int k = 0; k < runs; k++) {
            double p = k % 2 == 0 ? 0.02 : 0.5;
            double[] batch = draw(200, p, r)[0];
            TopicShare s = q.quantify(batch, tags(batch), ref);
            assertTrue(0 <= s.low() && s.low() <= s.share() + 1e-9 || s.low() <= s.high(), "ordered: " + s);
            assertTrue(s.low() >= 0 && s.high() <= 1, "inside [0, 1]: " + s);
            covered += s.low() <= p && p <= s.high() ? 1 : 0;
        }
        assertTrue(covered >= 0.85 * runs, "covered " + covered + " of " + runs);
    }

    @Test
    void theSameInputGivesTheSameAnswer() {
        TopicReference ref = reference(new Random(3), 300);
        double[] batch = draw(300, 0.3, new Random(4))[0];
        Quantifier q = new Quantifier(Estimators.standard().get("em"));
        assertEquals(q.quantify(batch, tags(batch), ref), q.quantify(batch, tags(batch), ref));
    }

    @Test
    void rawTagCountAndEstimatedCountAreReportedBesideTheShare() {
        TopicReference ref = reference(new Random(5), 300);
        double[] batch = draw(100, 0.3, new Random(6))[0];
        boolean[] t = tags(batch);
        int tagged = 0;
        for (boolean b : t) {
            tagged += b ? 1 : 0;
        }
        TopicShare s = new Quantifier(Estimators.standard().get("acc")).quantify(batch, t, ref);
        assertEquals(tagged, s.tagged());
        assertEquals(Math.round(s.share() * 100), s.count());
    }

    @Test
    void aMethodNeedingHeldOutScoresIsRefusedWithoutThem() {
        Quantifier q = new Quantifier(Estimators.standard().get("pacc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.quantify(new double[] {0.2}, new boolean[] {false}, new TopicReference(0.5, null)));
        assertTrue(e.getMessage().contains("held-out"), e.getMessage());
        assertEquals(0.2, new Quantifier(Estimators.standard().get("pcc"))
                .quantify(new double[] {0.2}, new boolean[] {false}, new TopicReference(0.5, null)).share(), 1e-9);
    }

    @Test
    void anUnknownMethodIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Estimators.standard().get("magic"));
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("pacc"), e.getMessage());
    }
}
