package io.rubrique.active;

import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a batch diverse. {@link #mmr} is maximal marginal relevance (Carbonell and Goldstein 1998): repeatedly
 * take the candidate with the best {@code λ·value − (1 − λ)·(highest similarity to what is already taken)}, and
 * never take one whose cosine similarity to a taken item reaches {@link #NEAR_DUPLICATE}.
 * {@link #farthestFirst} is the k-centre greedy traversal: each pick is the candidate farthest from all picks so
 * far. Both work on L2-normalised vectors, where cosine similarity is the dot product.
 */
public final class Diversity {
    /** Cosine similarity at which two items count as near-duplicates (one per batch). */
    public static final double NEAR_DUPLICATE = 0.8;
    /** Weight of the value against novelty in {@link #mmr}. */
    public static final double LAMBDA = 0.7;

    private Diversity() {
    }

    /**
     * The indices of at most {@code n} candidates in pick order. {@code values} should lie in [0, 1]; a NaN
     * value excludes the candidate.
     */
    public static List<Integer> mmr(Selection s, double[] values, int n) {
        return mmr(s, values, n, List.of());
    }

    /** As {@link #mmr(Selection, double[], int)}, the batch already holding {@code taken}. */
    public static List<Integer> mmr(Selection s, double[] values, int n, List<Integer> taken) {
        int size = values.length;
        double[] maxSim = new double[size];
        boolean[] used = new boolean[size];
        List<Integer> out = new ArrayList<>();
        for (int t : taken) {
            used[t] = true;
            update(s, t, maxSim, used);
        }
        while (out.size() < n) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                if (used[i] || Double.isNaN(values[i]) || maxSim[i] >= NEAR_DUPLICATE) {
                    continue;
                }
                double score = LAMBDA * values[i] - (1 - LAMBDA) * maxSim[i];
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            out.add(best);
            update(s, best, maxSim, used);
        }
        return out;
    }

    /** Farthest-first traversal: at most {@code n} indices, the first one the candidate nearest the centroid. */
    public static List<Integer> farthestFirst(Selection s, int n, List<Integer> taken) {
        int size = s.size();
        double[] maxSim = new double[size];
        boolean[] used = new boolean[size];
        List<Integer> out = new ArrayList<>();
        for (int t : taken) {
            used[t] = true;
            update(s, t, maxSim, used);
        }
        if (taken.isEmpty() && size > 0 && n > 0) {
            int first = mostTypical(s);
            used[first] = true;
            out.add(first);
            update(s, first, maxSim, used);
        }
        while (out.size() < n) {
            int best = -1;
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                if (!used[i] && maxSim[i] < lowest && maxSim[i] < NEAR_DUPLICATE) {
                    lowest = maxSim[i];
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            out.add(best);
            update(s, best, maxSim, used);
        }
        return out;
    }

    /** The candidate most similar to the centroid of all candidates (a typical item to start from). */
    static int mostTypical(Selection s) {
        double[] centroid = new double[s.space().size()];
        for (int i = 0; i < s.size(); i++) {
            SparseVector v = s.vector(i);
            for (int k = 0; k < v.nnz(); k++) {
                centroid[v.indices()[k]] += v.values()[k];
            }
        }
        int best = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            SparseVector v = s.vector(i);
            double d = 0;
            for (int k = 0; k < v.nnz(); k++) {
                d += v.values()[k] * centroid[v.indices()[k]];
            }
            if (d > bestDot) {
                bestDot = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Raises each unused candidate's highest similarity with the newly taken item {@code t}: the taken vector is
     * spread into a dense array once, so each candidate costs one pass over its own non-zeros.
     */
    private static void update(Selection s, int t, double[] maxSim, boolean[] used) {
        SparseVector picked = s.vector(t);
        double[] dense = new double[s.space().size()];
        for (int k = 0; k < picked.nnz(); k++) {
            dense[picked.indices()[k]] = picked.values()[k];
        }
        java.util.stream.IntStream.range(0, maxSim.length).parallel().forEach(i -> {
            if (used[i]) {
                return;
            }
            SparseVector v = s.vector(i);
            double d = 0;
            for (int k = 0; k < v.nnz(); k++) {
                d += dense[v.indices()[k]] * v.values()[k];
            }
            maxSim[i] = Math.max(maxSim[i], d);
        });
    }

    /** Cosine similarity of two L2-normalised sparse vectors. */
    public static double cosine(SparseVector a, SparseVector b) {
        return a.dot(b);
    }
}
