package io.rubrique.model;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fold assignment for the inner cross-validation that tunes thresholds: items are shuffled, ordered so that those
 * carrying the rarest topics come first, and dealt round-robin, so each inner fold gets its share of every topic.
 */
final class InnerFolds {
    private InnerFolds() {
    }

    static int[] assign(List<LabelledItem> items, int k, Random random) {
        int n = items.size();
        int[] topicCounts = new int[Topic.all().size()];
        for (LabelledItem item : items) {
            for (Topic t : item.topics()) {
                topicCounts[t.ordinal()]++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.sort(Comparator.comparingInt(i -> rarity(items.get(i), topicCounts)));
        int[] fold = new int[n];
        for (int r = 0; r < n; r++) {
            fold[order.get(r)] = r % k;
        }
        return fold;
    }

    /** The count of the item's rarest topic (items with no topic last). */
    private static int rarity(LabelledItem item, int[] topicCounts) {
        int min = Integer.MAX_VALUE;
        for (Topic t : item.topics()) {
            min = Math.min(min, topicCounts[t.ordinal()]);
        }
        return min;
    }
}
