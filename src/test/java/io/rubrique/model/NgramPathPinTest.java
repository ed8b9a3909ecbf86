package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.text.FeatureBlocks;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.Featurizer;
import io.rubrique.text.SparseVector;
import io.rubrique.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The n-gram path through the feature seam computes, to the last bit, what it computed before feature blocks
 * existed: the vectors and the calibrated scores of the default config trained on a fixed copy of the seeds, as
 * written by the code at 41faea6 ({@code core/pin/expected-41faea6.txt}: the same computation as below, run on
 * that revision through {@code FeatureSpace.fit} and {@code BinaryRelevanceTrainer}).
 */
class NgramPathPinTest {
    private static final Path DIR = Path.of("src/test/resources/core/pin");

    @Test
    void vectorsAndScoresOfTheDefaultConfigAreBitForBitThoseOfTheCodeBeforeTheSeam() throws Exception {
        LabelSet data = LabelReader.read(DIR.resolve("snippets.jsonl"));
        List<String> expected = Files.readAllLines(DIR.resolve("expected-41faea6.txt"));
        List<String[]> probes = new ArrayList<>();
        for (LabelledItem i : data.items()) {
            probes.add(new String[] {i.title(), i.text()});
        }
        probes.add(new String[] {"", "Le Vietnam et Singapour renforcent leur coopération en cybersécurité"});
        probes.add(new String[] {"Congrès du Parti",
            "Le 14e Congrès national du Parti communiste du Vietnam s'ouvre à Hanoï."});

        Featurizer features = FeatureBlocks.fit(probes.subList(0, data.items().size()),
                ExperimentConfig.defaults().features());
        assertInstanceOf(FeatureSpace.class, features, "an n-gram-only config is the n-gram block itself");
        StringBuilder v = new StringBuilder();
        List<SparseVector> all = features.vectorizeAll(probes);
        for (int p = 0; p < probes.size(); p++) {
            SparseVector x = features.vectorize(probes.get(p)[0], probes.get(p)[1]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(x.indices(), all.get(p).indices());
            for (int k = 0; k < x.nnz(); k++) {
                assertEquals(x.values()[k], all.get(p).values()[k], "batch and single vectors agree");
                v.append(x.indices()[k]).append(':').append(Long.toHexString(Double.doubleToLongBits(x.values()[k])))
                        .append(' ');
            }
            v.append('\n');
        }
        assertEquals(expected.get(0), "vectors " + Hashing.sha256(v.toString()));

        TrainedModel m = new BinaryRelevanceTrainer(ExperimentConfig.defaults()).train(TrainingSet.of(data), 7);
        for (int p = 0; p < probes.size(); p++) {
            StringBuilder s = new StringBuilder("scores");
            for (double d : m.tag(probes.get(p)[0], probes.get(p)[1]).scores().values()) {
                s.append(' ').append(Long.toHexString(Double.doubleToLongBits(d)));
            }
            assertEquals(expected.get(p + 1), s.toString(), "probe " + p);
        }
    }
}
