package io.rubrique.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.eval.FoldPlan;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The embedding judges of recheck's ensemble: out-of-fold logistic and nearest-neighbour label shares. */
class RecheckLearnersTest {
    /**
     * Two clusters of 40 unit-ish vectors in 8 dimensions, the topic given to the first; item 3 (in the first
     * cluster) is labelled without it and item 50 (in the second) with it: two wrong labels.
     */
    private static double[][] x() {
        Random r = new Random(5);
        double[][] x = new double[80][8];
        for (int i = 0; i < 80; i++) {
            x[i][i < 40 ? 0 : 1] = 1;
            for (int j = 0; j < 8; j++) {
                x[i][j] += 0.2 * r.nextGaussian();
            }
        }
        return x;
    }

    private static boolean[][] y() {
        boolean[][] y = new boolean[80][1];
        for (int i = 0; i < 80; i++) {
            y[i][0] = i < 40;
        }
        y[3][0] = false;
        y[50][0] = true;
        return y;
    }

    private static FoldPlan plan() {
        int[][] a = new int[2][80];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 80; i++) {
                a[r][i] = (i * (r + 3) + r) % 5;
            }
        }
        return new FoldPlan(5, 2, 1, a);
    }

    @Test
    void outOfFoldLogisticScoresEachItemByItsClusterNotItsOwnWrongLabel() {
        double[][] p = RecheckLearners.logistic(x(), y(), plan());
        assertTrue(p[3][0] > 0.5, "item 3 sits among the topic's items: " + p[3][0]);
        assertTrue(p[50][0] < 0.5, "item 50 sits among the others: " + p[50][0]);
        for (int i = 0; i < 80; i++) {
            if (i != 3 && i != 50) {
                assertTrue((p[i][0] > 0.5) == (i < 40), "item " + i + " scored " + p[i][0]);
            }
        }
    }

    @Test
    void neighboursShareLeavesTheItemItselfOut() {
        double[][] p = RecheckLearners.neighbours(x(), y(), 5);
        assertTrue(p[3][0] > 0.7, "item 3's neighbours have the topic: " + p[3][0]);
        assertTrue(p[50][0] < 0.3, "item 50's neighbours do not: " + p[50][0]);
        assertTrue(p[0][0] > 0.7 && p[79][0] < 0.3, p[0][0] + " " + p[79][0]);
    }
}
