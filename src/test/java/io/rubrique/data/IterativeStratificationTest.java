package io.rubrique.data;

import io.rubrique.eval.SyntheticData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.LabelledItem;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IterativeStratificationTest {
    private static List<Set<String>> labels(int n, long seed) {
        return SyntheticData.items(n, seed).stream().map(LabelledItem::topics).toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyFoldGetsEveryTopicAndSizesDifferByAtMostOne(long seed) {
        List<Set<String>> labels = labels(97, seed);
        int k = 5;
        int[] fold = IterativeStratification.folds(labels, TopicSet.defaults().ids(), k, seed * 31);
        int[] size = new int[k];
        int[][] perTopic = new int[k][TopicSet.defaults().size()];
        for (int i = 0; i < fold.length; i++) {
            size[fold[i]]++;
            for (String t : labels.get(i)) {
                perTopic[fold[i]][TopicSet.defaults().ids().indexOf(t)]++;
            }
        }
        assertTrue(Arrays.stream(size).max().getAsInt() - Arrays.stream(size).min().getAsInt() <= 1,
                Arrays.toString(size));
        for (int f = 0; f < k; f++) {
            for (String t : TopicSet.defaults().ids()) {
                assertTrue(perTopic[f][TopicSet.defaults().ids().indexOf(t)] > 0, "fold " + f + " lacks " + t);
            }
        }
    }

    @Test
    void rareTopicWithExactlyKItemsLandsOnceInEachFold() {
        List<Set<String>> labels = new java.util.ArrayList<>(labels(60, 9).stream().map(s -> {
            Set<String> c = new java.util.LinkedHashSet<String>();
            c.addAll(s);
            c.remove("party-congress");
            return (Set<String>) c;
        }).toList());
        for (int i = 0; i < 5; i++) {
            Set<String> c = new java.util.LinkedHashSet<String>(List.of("party-congress"));
            c.addAll(labels.get(i * 7));
            labels.set(i * 7, c);
        }
        int[] fold = IterativeStratification.folds(labels, TopicSet.defaults().ids(), 5, 77);
        int[] rare = new int[5];
        for (int i = 0; i < fold.length; i++) {
            if (labels.get(i).contains("party-congress")) {
                rare[fold[i]]++;
            }
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, rare);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void untaggedItemsAreSpreadEvenly(long seed) {
        List<Set<String>> labels = labels(100, seed);
        int[] fold = IterativeStratification.folds(labels, TopicSet.defaults().ids(), 4, seed + 3);
        int[] untagged = new int[4];
        for (int i = 0; i < fold.length; i++) {
            if (labels.get(i).isEmpty()) {
                untagged[fold[i]]++;
            }
        }
        assertTrue(Arrays.stream(untagged).max().getAsInt() - Arrays.stream(untagged).min().getAsInt() <= 1,
                Arrays.toString(untagged));
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        List<Set<String>> labels = labels(80, 5);
        assertArrayEquals(IterativeStratification.folds(labels, TopicSet.defaults().ids(), 5, 42), IterativeStratification.folds(labels, TopicSet.defaults().ids(), 5, 42));
        assertFalse(Arrays.equals(IterativeStratification.folds(labels, TopicSet.defaults().ids(), 5, 42),
                IterativeStratification.folds(labels, TopicSet.defaults().ids(), 5, 43)));
    }

    @Test
    void unequalSplitHitsItsTargetSizeExactly() {
        int[] part = IterativeStratification.split(labels(83, 2), TopicSet.defaults().ids(), new double[] {0.4, 0.6}, 1);
        assertEquals(33, Arrays.stream(part).filter(p -> p == 0).count()); // 0.4 * 83 = 33.2
    }
}
