package io.rubrique.model;

import io.rubrique.data.IterativeStratification;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fold assignment for the inner cross-validation that tunes thresholds: the same iterative multi-label
 * stratification as the outer evaluation, so each inner fold gets its share of every topic.
 */
final class InnerFolds {
    private InnerFolds() {
    }

    static int[] assign(List<LabelledItem> items, int k, Random random) {
        List<Set<Topic>> labels = items.stream().map(LabelledItem::topics).toList();
        return IterativeStratification.folds(labels, k, random.nextLong());
    }
}
