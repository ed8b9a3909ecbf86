package io.rubrique.active;

import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
    /** The shortlist {@link #mmr} starts from: this many best-valued candidates per pick wanted, at least {@link #SHORTLIST_MIN}. */
    static final int SHORTLIST_PER_PICK = 8;
    static final int SHORTLIST_MIN = 64;

    private Diversity() {
    }

    /**
     * The indices of at most {@code n} candidates in pick order. {@code values} should lie in [0, 1]; a NaN
     * value excludes the candidate.
     */
    public static List<Integer> mmr(Selection s, double[] values, int n) {
        return mmr(s, values, n, List.of());
    }

    /**
     * As {@link #mmr(Selection, double[], int)}, the batch already holding {@code taken}.
     *
     * <p>Only the best-valued candidates are compared, widening as needed: similarities are non-negative, so no
     * candidate can score above {@code λ·value}, and a pick that beats that bound for everything outside the
     * shortlist is the pick a pass over the whole pool would make (ties go to the lower index either way). On a
     * 10k pool a batch of 20 usually vectorizes a few hundred candidates instead of all of them.
     */
    public static List<Integer> mmr(Selection s, double[] values, int n, List<Integer> taken) {
        int[] order = IntStream.range(0, values.length).filter(i -> !Double.isNaN(values[i])).boxed()
                .sorted((a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a])
                        : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        boolean[] used = new boolean[values.length];
        taken.forEach(t -> used[t] = true);
        double[] maxSim = new double[values.length];
        List<Integer> batch = new ArrayList<>(taken);
        List<Integer> out = new ArrayList<>();
        int covered = 0;
        int want = Math.min(order.length, Math.max(SHORTLIST_MIN, SHORTLIST_PER_PICK * n));
        while (out.size() < n) {
            if (want > covered) {
                covered = widen(s, order, covered, want, batch, maxSim);
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < covered; k++) {
                int i = order[k];
                if (used[i] || maxSim[i] >= NEAR_DUPLICATE) {
                    continue;
                }
                double score = LAMBDA * values[i] - (1 - LAMBDA) * maxSim[i];
                if (score > bestScore || score == bestScore && i < best) {
                    bestScore = score;
                    best = i;
                }
            }
            if (covered < order.length && (best < 0 || bestScore <= LAMBDA * values[order[covered]])) {
                want = Math.min(order.length, covered * 2);
                continue;
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            out.add(best);
            batch.add(best);
            SparseVector picked = s.vector(best);
            for (int k = 0; k < covered; k++) {
                int i = order[k];
                if (!used[i]) {
                    maxSim[i] = Math.max(maxSim[i], picked.dot(s.vector(i)));
                }
            }
        }
        return out;
    }

    /** Brings {@code order[from, to)} into the shortlist: their highest similarity to the batch so far. */
    private static int widen(Selection s, int[] order, int from, int to, List<Integer> batch, double[] maxSim) {
        int[] fresh = Arrays.copyOfRange(order, from, to);
        s.vectorize(fresh);
        s.vectorize(batch.stream().mapToInt(Integer::intValue).toArray());
        for (int i : fresh) {
            SparseVector v = s.vector(i);
            for (int t : batch) {
                maxSim[i] = Math.max(maxSim[i], v.dot(s.vector(t)));
            }
        }
        return to;
    }

    /** Farthest-first traversal: at most {@code n} indices, the first one the candidate nearest the centroid. */
    public static List<Integer> farthestFirst(Selection s, int n, List<Integer> taken) {
        int size = s.size();
        s.vectorizeAll();
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
        s.vectorizeAll();
        double[] centroid = new double[s.dimension()];
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
        double[] dense = new double[s.dimension()];
        for (int k = 0; k < picked.nnz(); k++) {
            dense[picked.indices()[k]] = picked.values()[k];
        }
        IntStream.range(0, maxSim.length).parallel().forEach(i -> {
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
