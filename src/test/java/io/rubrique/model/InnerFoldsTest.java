package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.ItemKind;
import io.rubrique.data.SeedLabels;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fold assignment of the threshold-tuning inner cross-validation. */
class InnerFoldsTest {
    private static List<LabelledItem> seedItems() throws IOException {
        return SeedLabels.read().items();
    }

    /** Items whose topics have distinct counts: 5 party-congress, 7 security, 11 digital, 20 bilateral, 6 none. */
    private static List<LabelledItem> distinctCounts() {
        List<LabelledItem> out = new ArrayList<>();
        int[] counts = {11, 7, 5, 20};
        for (String t : TopicSet.defaults().ids()) {
            for (int i = 0; i < counts[TopicSet.defaults().ids().indexOf(t)]; i++) {
                out.add(item(out.size(), Set.of(t)));
            }
        }
        for (int i = 0; i < 6; i++) {
            out.add(item(out.size(), Set.of()));
        }
        return out;
    }

    private static LabelledItem item(int n, Set<String> topics) {
        return new LabelledItem("i" + n, ItemKind.TEASER, "", "", "texte " + n, topics);
    }

    /** Topics with at least k items that some fold has none of. */
    private static Set<String> topicsMissingFromAFold(List<LabelledItem> items, int[] fold, int k) {
        Set<String> missing = new java.util.LinkedHashSet<String>();
        for (String t : TopicSet.defaults().ids()) {
            long count = items.stream().filter(i -> i.has(t)).count();
            boolean[] seen = new boolean[k];
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).has(t)) {
                    seen[fold[i]] = true;
                }
            }
            for (boolean s : seen) {
                if (count >= k && !s) {
                    missing.add(t);
                }
            }
        }
        return missing;
    }

    @Test
    void foldsAreBalancedInSizeAndReproducible() throws IOException {
        List<LabelledItem> items = seedItems();
        int[] fold = InnerFolds.assign(items, TopicSet.defaults(), 5, new Random(3));
        int[] sizes = new int[5];
        for (int f : fold) {
            sizes[f]++;
        }
        for (int s : sizes) {
            assertTrue(s == 9 || s == 10, "fold sizes " + java.util.Arrays.toString(sizes));
        }
        assertArrayEquals(fold, InnerFolds.assign(items, TopicSet.defaults(), 5, new Random(3)));
    }

    @Test
    void everyTopicWithKItemsIsInEveryFoldWhenCountsDiffer() {
        List<LabelledItem> items = distinctCounts();
        for (int k = 2; k <= 5; k++) {
            for (long seed = 0; seed < 20; seed++) {
                int[] fold = InnerFolds.assign(items, TopicSet.defaults(), k, new Random(seed));
                assertEquals(Set.of(), topicsMissingFromAFold(items, fold, k), "k=" + k + " seed=" + seed);
            }
        }
    }

    @Test
    void everyTopicWithKItemsIsInEveryFoldOfTheSeedLabels() throws IOException {
        // digital, security and party-congress have 9 items each in the frozen seed labels.
        List<LabelledItem> items = seedItems();
        for (int k = 2; k <= 5; k++) {
            for (long seed = 0; seed < 20; seed++) {
                int[] fold = InnerFolds.assign(items, TopicSet.defaults(), k, new Random(seed));
                assertEquals(Set.of(), topicsMissingFromAFold(items, fold, k), "k=" + k + " seed=" + seed);
            }
        }
    }
}
