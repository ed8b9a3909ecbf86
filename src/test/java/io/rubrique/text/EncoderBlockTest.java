package io.rubrique.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.EncoderConfig;
import io.rubrique.config.FeatureConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder block beside the n-grams, its cache, and what a model file records of its encoder. */
class EncoderBlockTest {
    private static FeatureConfig withEncoder(double weight) {
        return FeatureConfig.builder().encoder(new EncoderConfig(CountingEncoder.ID, null, null, weight)).build();
    }

    private static List<String[]> texts(String run) {
        return List.of(new String[] {"Cybersécurité", "Le Vietnam renforce la sécurité des réseaux " + run},
                new String[] {"Congrès", "Le Congrès du Parti s'ouvre à Hanoï " + run},
                new String[] {"", "Coopération entre le Vietnam et la France " + run});
    }

    @Test
    void theEncoderBlockSitsAfterTheNgramsAsAWeightedUnitVector() {
        List<String[]> items = texts(UUID.randomUUID().toString());
        Featurizer f = FeatureBlocks.fit(items, withEncoder(0.5));
        FeatureBlocks blocks = assertInstanceOf(FeatureBlocks.class, f);
        int ngrams = blocks.blocks().get(0).block().size();
        assertEquals(ngrams + CountingEncoder.DIMENSION, f.size());
        SparseVector v = f.vectorize(items.get(0)[0], items.get(0)[1]);
        double ngramNorm = 0;
        double encoderNorm = 0;
        for (int k = 0; k < v.nnz(); k++) {
            if (v.indices()[k] < ngrams) {
                ngramNorm += v.values()[k] * v.values()[k];
            } else {
                encoderNorm += v.values()[k] * v.values()[k];
            }
        }
        assertEquals(1.0, ngramNorm, 1e-9);
        assertEquals(0.25, encoderNorm, 1e-9);
        assertTrue(f.name(ngrams).startsWith("e:" + CountingEncoder.ID));
    }

    @Test
    void theDenseBlockIsOneNamedContributionInAttributions() {
        List<String[]> items = texts(UUID.randomUUID().toString());
        Featurizer f = FeatureBlocks.fit(items, withEncoder(1));
        Attribution a = f.attribute(items.get(1)[0], items.get(1)[1]);
        int ngrams = f.size() - CountingEncoder.DIMENSION;
        for (int k = 0; k < a.vector().nnz(); k++) {
            int i = a.vector().indices()[k];
            if (i >= ngrams) {
                assertEquals(java.util.Map.of(EncoderBlock.CONTRIBUTION, 1.0), a.shares().get(i));
            } else {
                assertTrue(!a.shares().get(i).containsKey(EncoderBlock.CONTRIBUTION));
            }
        }
    }

    @Test
    void aTextIsEmbeddedOnceThenServedFromTheCacheEvenAfterARestart(@TempDir Path dir) {
        String run = UUID.randomUUID().toString();
        TextEncoder.Provider p = new CountingEncoder();
        Embeddings first = new Embeddings(p, EmbeddingCache.open(dir, p));
        List<String> t = List.of("un " + run, "deux " + run, "un " + run);
        List<float[]> a = first.getAll(t, 64);
        assertEquals(2, first.computed(), "the repeated text is embedded once");
        Embeddings restarted = new Embeddings(p, EmbeddingCache.open(dir, p));
        List<float[]> b = restarted.getAll(t, 64);
        assertEquals(0, restarted.computed());
        assertTrue(!restarted.loaded(), "an all-cached batch never loads the encoder");
        for (int i = 0; i < t.size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(i), b.get(i));
        }
        assertEquals(1, CountingEncoder.EMBEDDED.get("un " + run).get());
    }

    @Test
    void aTornOrForeignCacheRecordIsIgnoredAndEmbeddedAgain(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString();
        TextEncoder.Provider p = new CountingEncoder();
        Embeddings e = new Embeddings(p, EmbeddingCache.open(dir, p));
        e.get("trois " + run, 64);
        Path cacheDir = EmbeddingCache.open(dir, p).directory();
        try (var files = Files.walk(cacheDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
            }
        }
        Embeddings restarted = new Embeddings(p, EmbeddingCache.open(dir, p));
        restarted.get("trois " + run, 64);
        assertEquals(1, restarted.computed());
    }

    @Test
    void theCacheStaysWithinItsBound(@TempDir Path dir) throws Exception {
        EmbeddingCache c = new EmbeddingCache(dir.resolve("c"), 2, 10);
        for (int i = 0; i < 30; i++) {
            c.put(io.rubrique.util.Hashing.sha256("k" + i), new float[] {i, 1});
        }
        c.prune();
        try (var files = Files.walk(dir)) {
            long n = files.filter(f -> f.toString().endsWith(".f32")).count();
            assertTrue(n <= 10, n + " records kept");
        }
    }

    @Test
    void aBlockMadeWithOtherWeightsIsRefusedOnLoad() throws Exception {
        Featurizer f = FeatureBlocks.fit(texts("x"), withEncoder(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(f.size(), ((Featurizer) in.readObject()).size());
        }
        String other = "f".repeat(64);
        byte[] tampered = replace(bytes.toByteArray(), CountingEncoder.SHA256, other);
        InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(tampered))) {
                in.readObject();
            }
        });
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());
    }

    private static byte[] replace(byte[] data, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + a.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, data, i, b.length);
                return data;
            }
        }
        throw new AssertionError("digest not found in the stream");
    }
}
