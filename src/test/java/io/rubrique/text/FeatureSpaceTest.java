package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.FeatureConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelReader;
import io.rubrique.data.SeedLabels;
import io.rubrique.data.LabelledItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fitting the dictionary and turning snippets into weighted, normalised sparse vectors. */
class FeatureSpaceTest {
    private static List<LabelledItem> items;
    private static FeatureSpace defaults;

    @BeforeAll
    static void fitOnTheRepoLabels() throws IOException {
        items = LabelReader.read(SeedLabels.SNIPPETS).items();
        defaults = FeatureSpace.fit(items, FeatureConfig.defaults());
    }

    /** Word n-grams only (1..maxN), no title boost unless given, the given weighting and min_df. */
    private static FeatureConfig words(int maxN, String weighting, int minDf) {
        return FeatureConfig.builder().wordNgrams(1, maxN).charNgrams(0, 5).weighting(weighting).minDf(minDf)
                .build();
    }

    private static LabelledItem item(String title, String text) {
        return new LabelledItem("t" + Math.abs((title + text).hashCode()), ItemKind.TEASER, "", title, text,
                Set.of());
    }

    private static List<LabelledItem> docs(String... texts) {
        List<LabelledItem> out = new ArrayList<>();
        for (String t : texts) {
            out.add(item("", t));
        }
        return out;
    }

    private static Map<String, Double> byName(FeatureSpace space, SparseVector v) {
        Map<String, Double> m = new HashMap<>();
        for (int k = 0; k < v.nnz(); k++) {
            m.put(space.name(v.indices()[k]), v.values()[k]);
        }
        return m;
    }

    private static double cosine(SparseVector a, SparseVector b) {
        return a.dot(b);
    }

    private static double norm(SparseVector v) {
        double s = 0;
        for (double x : v.values()) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void assertSameVector(SparseVector expected, SparseVector actual) {
        assertArrayEquals(expected.indices(), actual.indices());
        assertArrayEquals(expected.values(), actual.values());
    }

    @Test
    void vectorsAreUnitLengthWithStrictlyIncreasingIndices() {
        for (LabelledItem it : items) {
            SparseVector v = defaults.vectorize(it.title(), it.text());
            assertTrue(v.nnz() > 0, it.id());
            assertEquals(1.0, norm(v), 1e-9, it.id());
            for (int k = 1; k < v.nnz(); k++) {
                assertTrue(v.indices()[k - 1] < v.indices()[k], it.id() + " at " + k);
            }
            for (double x : v.values()) {
                assertTrue(x > 0, it.id());
            }
        }
    }

    @Test
    void gluedWordsShareCharacterNgramsWithTheirParts() {
        List<LabelledItem> train = docs("la diplomatie numérique du Vietnam", "la sécurité des réseaux");
        FeatureSpace withChars = FeatureSpace.fit(train, FeatureConfig.defaults());
        double glued = cosine(withChars.vectorize("", "diplomatienumérique"),
                withChars.vectorize("", "diplomatie numérique"));
        assertTrue(glued > 0.3, "cosine with char n-grams " + glued);

        FeatureSpace wordsOnly = FeatureSpace.fit(train, words(2, "tf-idf", 1));
        SparseVector gluedWords = wordsOnly.vectorize("", "diplomatienumérique");
        assertEquals(0.0, cosine(gluedWords, wordsOnly.vectorize("", "diplomatie numérique")), 1e-12);
        assertEquals(0, gluedWords.nnz());
    }

    @Test
    void wordBigramsAreFeatures() {
        Set<String> vocab = defaults.vocabulary();
        String bigram = "w:" + String.join(" ", defaults.tokens("diplomatie numérique"));
        assertTrue(vocab.contains(bigram), bigram);
        assertTrue(vocab.stream().anyMatch(n -> n.startsWith("c:")));
        FeatureSpace unigrams = FeatureSpace.fit(items, words(1, "tf-idf", 1));
        assertTrue(unigrams.vocabulary().stream().noneMatch(n -> n.contains(" ")));
    }

    @Test
    void minDfDropsTermsInFewerItems() {
        List<LabelledItem> train = docs("vietnam singapour", "vietnam laos", "vietnam laos cambodge");
        Set<String> all = FeatureSpace.fit(train, words(1, "tf-idf", 1)).vocabulary();
        Set<String> twice = FeatureSpace.fit(train, words(1, "tf-idf", 2)).vocabulary();
        Set<String> thrice = FeatureSpace.fit(train, words(1, "tf-idf", 3)).vocabulary();
        assertEquals(4, all.size(), all.toString());
        assertEquals(2, twice.size(), twice.toString());
        assertTrue(twice.contains("w:" + defaults.tokens("laos").get(0)), twice.toString());
        assertEquals(1, thrice.size(), thrice.toString());
        assertTrue(thrice.contains("w:vietnam"), thrice.toString());
    }

    @Test
    void maxFeaturesKeepsTheTermsInMostItems() {
        FeatureConfig capped = FeatureConfig.builder().maxFeatures(500).build();
        FeatureSpace small = FeatureSpace.fit(items, capped);
        assertEquals(500, small.size());
        Map<String, Integer> df = new HashMap<>();
        for (LabelledItem it : items) {
            SparseVector v = defaults.vectorize(it.title(), it.text());
            for (int i : v.indices()) {
                df.merge(defaults.name(i), 1, Integer::sum);
            }
        }
        Set<String> kept = small.vocabulary();
        int minKept = kept.stream().mapToInt(df::get).min().orElseThrow();
        int maxDropped = df.entrySet().stream().filter(e -> !kept.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).max().orElseThrow();
        assertTrue(minKept >= maxDropped, "kept df >= " + minKept + " but dropped a term with df " + maxDropped);
        assertTrue(minKept > 1);
    }

    @Test
    void titleWeightChangesTheVector() {
        FeatureConfig titleTimesOne = FeatureConfig.builder().titleWeight(1.0).build();
        FeatureConfig noTitle = FeatureConfig.builder().titleWeight(0.0).build();
        LabelledItem it = items.get(1);
        SparseVector two = defaults.vectorize(it.title(), it.text());
        SparseVector one = FeatureSpace.fit(items, titleTimesOne).vectorize(it.title(), it.text());
        FeatureSpace ignoring = FeatureSpace.fit(items, noTitle);
        assertArrayEquals(two.indices(), one.indices());
        assertFalse(java.util.Arrays.equals(two.values(), one.values()));
        assertSameVector(ignoring.vectorize("", it.text()), ignoring.vectorize(it.title(), it.text()));
    }

    @Test
    void weightingsFollowTheirDefinitions() {
        List<LabelledItem> train = docs("vietnam hanoi", "vietnam singapour", "vietnam laos");
        String text = "vietnam vietnam hanoi";

        FeatureSpace bin = FeatureSpace.fit(train, words(1, "binary", 1));
        Map<String, Double> binary = byName(bin, bin.vectorize("", text));
        assertEquals(binary.get("w:vietnam"), binary.get("w:hanoi"), 1e-12);
        assertEquals(1 / Math.sqrt(2), binary.get("w:hanoi"), 1e-12);

        FeatureSpace logTf = FeatureSpace.fit(train, words(1, "log-tf", 1));
        Map<String, Double> lt = byName(logTf, logTf.vectorize("", text));
        assertEquals(Math.log(3) / Math.log(2), lt.get("w:vietnam") / lt.get("w:hanoi"), 1e-9);

        FeatureSpace tfIdf = FeatureSpace.fit(train, words(1, "tf-idf", 1));
        Map<String, Double> ti = byName(tfIdf, tfIdf.vectorize("", text));
        double idfVietnam = Math.log(4.0 / 4.0) + 1;
        double idfHanoi = Math.log(4.0 / 2.0) + 1;
        assertEquals(Math.log(3) * idfVietnam / (Math.log(2) * idfHanoi), ti.get("w:vietnam") / ti.get("w:hanoi"),
                1e-6);
        assertTrue(ti.get("w:hanoi") > ti.get("w:vietnam"), ti.toString());
    }

    @Test
    void unknownWordsAreIgnored() {
        FeatureSpace space = FeatureSpace.fit(docs("vietnam hanoi", "vietnam laos"), words(2, "tf-idf", 1));
        assertSameVector(space.vectorize("", "vietnam hanoi"), space.vectorize("", "zorglub vietnam hanoi"));
        assertEquals(0, space.vectorize("", "zorglub quux").nnz());
        assertEquals(0, space.vectorize("", "").nnz());
    }

    @Test
    void vectorizingFromManyThreadsEqualsSingleThreaded() throws Exception {
        List<SparseVector> expected = new ArrayList<>();
        for (LabelledItem it : items) {
            expected.add(defaults.vectorize(it.title(), it.text()));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<SparseVector>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<SparseVector> got = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (int k = 0; k < items.size(); k++) {
                            LabelledItem it = items.get((k + offset * 7) % items.size());
                            got.add(defaults.vectorize(it.title(), it.text()));
                        }
                    }
                    return got;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<SparseVector> got = futures.get(t).get();
                for (int j = 0; j < got.size(); j++) {
                    assertSameVector(expected.get(((j % items.size()) + t * 7) % items.size()), got.get(j));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSerializedSpaceVectorizesIdentically() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            defaults.vectorize("chauffe", "la scratch du thread courant");
            out.writeObject(defaults);
        }
        FeatureSpace copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FeatureSpace) in.readObject();
        }
        assertEquals(defaults.size(), copy.size());
        assertEquals(defaults.vocabulary(), copy.vocabulary());
        assertEquals(defaults.tokens("Les relations bilatérales"), copy.tokens("Les relations bilatérales"));
        for (LabelledItem it : items) {
            assertSameVector(defaults.vectorize(it.title(), it.text()), copy.vectorize(it.title(), it.text()));
        }
    }

    @Test
    void theSameItemsGiveTheSameDictionaryOrder() {
        FeatureSpace again = FeatureSpace.fit(new ArrayList<>(items), FeatureConfig.defaults());
        assertEquals(defaults.size(), again.size());
        for (int i = 0; i < defaults.size(); i++) {
            assertEquals(defaults.name(i), again.name(i));
        }
        Set<String> distinct = new HashSet<>(defaults.vocabulary());
        assertEquals(defaults.size(), distinct.size());
        assertNotEquals(0, defaults.size());
    }
}
