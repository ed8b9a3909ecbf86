package io.rubrique.model;

import io.rubrique.data.IterativeStratification;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Fold assignment for the inner cross-validation that calibrates scores and tunes thresholds: the same
 * iterative multi-label stratification as the outer evaluation, so each inner fold gets its share of every topic.
 */
final class InnerFolds {
    private InnerFolds() {
    }

    static int[] assign(List<LabelledItem> items, TopicSet topics, int k, Random random) {
        List<Set<String>> labels = items.stream().map(LabelledItem::topics).toList();
        return IterativeStratification.folds(labels, topics.ids(), k, random.nextLong());
    }
}
