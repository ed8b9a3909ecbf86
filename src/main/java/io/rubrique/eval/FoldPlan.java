package io.rubrique.eval;

import io.rubrique.util.ValueRecords;
import io.rubrique.util.Seeds;
import io.rubrique.data.IterativeStratification;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which fold each item is tested in, for every repeat of a repeated k-fold cross-validation. Repeat {@code r} is
 * an iterative stratification seeded with {@code Seeds.derive(seed, r)}, so the same data, k, repeats and seed
 * always give the same plan (what {@code rubrique compare} relies on).
 *
 * @param assignment {@code assignment[r][i]} is the test fold of item {@code i} (data order) in repeat {@code r}
 */
public record FoldPlan(int folds, int repeats, long seed, int[][] assignment) {
    @Override // arrays by content
    public boolean equals(Object o) { return ValueRecords.equal(this, o); }

    @Override
    public int hashCode() { return ValueRecords.hash(this); }

    public static FoldPlan stratified(List<LabelledItem> items, TopicSet topics, int folds, int repeats, long seed) {
        List<Set<String>> labels = items.stream().map(LabelledItem::topics).toList();
        int[][] a = new int[repeats][];
        for (int r = 0; r < repeats; r++) {
            a[r] = IterativeStratification.folds(labels, topics.ids(), folds, Seeds.derive(seed, r));
        }
        return new FoldPlan(folds, repeats, seed, a);
    }

    /** Indices (data order) of the items tested in {@code fold} of {@code repeat}. */
    public int[] testIndices(int repeat, int fold) {
        return indices(repeat, fold, true);
    }

    /** Indices (data order) of the items trained on for {@code fold} of {@code repeat}. */
    public int[] trainIndices(int repeat, int fold) {
        return indices(repeat, fold, false);
    }

    private int[] indices(int repeat, int fold, boolean inFold) {
        List<Integer> out = new ArrayList<>();
        int[] a = assignment[repeat];
        for (int i = 0; i < a.length; i++) {
            if ((a[i] == fold) == inFold) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
