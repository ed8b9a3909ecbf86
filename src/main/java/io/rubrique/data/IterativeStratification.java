package io.rubrique.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Splits multi-label items into parts whose topic mix matches the whole, by iterative stratification
 * (Sechidis, Tsoumakas and Vlahavas, 2011): repeatedly take the label with the fewest unassigned items and hand
 * each of its items to the part that most needs that label, ties going to the part that most needs items overall,
 * then to a random one. "No topic" counts as a label of its own and is dealt first (it shares no item with a
 * topic, and dealing it last would leave the untagged items to fill whatever room the tagged ones left), so
 * untagged items are spread evenly too.
 *
 * <p>Unlike the paper, part sizes are exact: a part is only eligible while it holds fewer items than its integer
 * target (largest-remainder rounding of proportion times n, the parts that get the extra item chosen at random),
 * so k equal folds differ in size by at most one. Deterministic for a given seed.
 */
public final class IterativeStratification {
    private IterativeStratification() {
    }

    /**
     * Assigns each item to one of {@code k} equal folds; returns the fold index of each item. {@code topics} gives
     * the label order (ties between equally rare labels are broken at random, so the order only matters for
     * reproducing a plan).
     */
    public static int[] folds(List<Set<String>> labels, List<String> topics, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        if (labels.size() < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + labels.size() + " items");
        }
        double[] p = new double[k];
        java.util.Arrays.fill(p, 1.0 / k);
        return split(labels, topics, p, seed);
    }

    /** Assigns each item to a part, part j getting a share {@code proportions[j]} (summing to 1). */
    public static int[] split(List<Set<String>> labels, List<String> topics, double[] proportions, long seed) {
        Random random = new Random(seed);
        int n = labels.size();
        int parts = proportions.length;
        int nLabels = topics.size() + 1;
        java.util.Map<String, Integer> labelIndex = new java.util.HashMap<>();
        for (int l = 0; l < topics.size(); l++) {
            labelIndex.put(topics.get(l), l);
        }
        int none = nLabels - 1;

        int[] target = targets(n, proportions, random);
        int[] size = new int[parts];
        double[][] needLabel = new double[parts][nLabels];
        int[] labelCount = new int[nLabels];
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int l = 0; l < nLabels; l++) {
            byLabel.add(new ArrayList<>());
        }
        int[][] itemLabels = new int[n][];
        for (int i = 0; i < n; i++) {
            itemLabels[i] = labelIndices(labels.get(i), labelIndex, none);
            for (int l : itemLabels[i]) {
                labelCount[l]++;
                byLabel.get(l).add(i);
            }
        }
        for (int j = 0; j < parts; j++) {
            for (int l = 0; l < nLabels; l++) {
                needLabel[j][l] = proportions[j] * labelCount[l];
            }
        }
        for (List<Integer> items : byLabel) {
            Collections.shuffle(items, random);
        }

        int[] assignment = new int[n];
        java.util.Arrays.fill(assignment, -1);
        int[] remaining = labelCount.clone();
        int left = n;
        while (left > 0) {
            int label = remaining[none] > 0 ? none : rarestRemaining(remaining, random);
            for (int i : byLabel.get(label)) {
                if (assignment[i] >= 0) {
                    continue;
                }
                int part = choosePart(label, needLabel, size, target, random);
                assignment[i] = part;
                size[part]++;
                left--;
                for (int l : itemLabels[i]) {
                    needLabel[part][l]--;
                    remaining[l]--;
                }
            }
        }
        return assignment;
    }

    private static int[] labelIndices(Set<String> topics, java.util.Map<String, Integer> index, int none) {
        if (topics.isEmpty()) {
            return new int[] {none};
        }
        return topics.stream().mapToInt(t -> {
            Integer l = index.get(t);
            if (l == null) {
                throw new IllegalArgumentException("label '" + t + "' is not among " + index.keySet());
            }
            return l;
        }).toArray();
    }

    private static int rarestRemaining(int[] remaining, Random random) {
        int best = Integer.MAX_VALUE;
        List<Integer> ties = new ArrayList<>();
        for (int l = 0; l < remaining.length; l++) {
            if (remaining[l] <= 0) {
                continue;
            }
            if (remaining[l] < best) {
                best = remaining[l];
                ties.clear();
            }
            if (remaining[l] == best) {
                ties.add(l);
            }
        }
        return ties.get(random.nextInt(ties.size()));
    }

    private static int choosePart(int label, double[][] needLabel, int[] size, int[] target, Random random) {
        List<Integer> ties = new ArrayList<>();
        double bestLabelNeed = Double.NEGATIVE_INFINITY;
        int bestOverallNeed = Integer.MIN_VALUE;
        for (int j = 0; j < size.length; j++) {
            if (size[j] >= target[j]) {
                continue;
            }
            double ln = needLabel[j][label];
            int on = target[j] - size[j];
            int cmp = ln > bestLabelNeed + 1e-9 ? 1 : ln < bestLabelNeed - 1e-9 ? -1 : Integer.compare(on,
                    bestOverallNeed);
            if (cmp > 0) {
                bestLabelNeed = ln;
                bestOverallNeed = on;
                ties.clear();
            }
            if (cmp >= 0) {
                ties.add(j);
            }
        }
        return ties.get(random.nextInt(ties.size()));
    }

    /** Integer part sizes summing to n: floors, plus one for a random choice among the largest remainders. */
    static int[] targets(int n, double[] proportions, Random random) {
        int parts = proportions.length;
        int[] t = new int[parts];
        double[] rem = new double[parts];
        int sum = 0;
        for (int j = 0; j < parts; j++) {
            double exact = proportions[j] * n;
            t[j] = (int) Math.floor(exact + 1e-9);
            rem[j] = exact - t[j];
            sum += t[j];
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < parts; j++) {
            order.add(j);
        }
        Collections.shuffle(order, random);
        order.sort((a, b) -> Double.compare(rem[b], rem[a]));
        for (int k = 0; sum < n; k++, sum++) {
            t[order.get(k % parts)]++;
        }
        return t;
    }
}
