package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.text.SparseVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct LibLINEAR and SMO scorers give exactly what Weka's own distributionForInstance gives. */
class FastPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"liblinear", "smo", "naive-bayes-multinomial"})
    void directScoresEqualWekaScoresOnEveryItem(String learner) throws Exception {
        LabelSet data = CoreFixtures.labels();
        BinaryRelevanceModel model = (BinaryRelevanceModel) new BinaryRelevanceTrainer(
                CoreFixtures.fixed(learner, "")).train(data.items(), 7);
        for (LabelledItem item : data.items()) {
            SparseVector v = model.featureSpace().vectorize(item.title(), item.text());
            assertArrayEquals(model.wekaScores(v), model.scores(v), 1e-12, item.id());
        }
        SparseVector unseen = model.featureSpace().vectorize("", "Un texte sans rapport : la météo de demain.");
        assertArrayEquals(model.wekaScores(unseen), model.scores(unseen), 1e-12);
    }
}
