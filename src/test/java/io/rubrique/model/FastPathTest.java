package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.rubrique.config.LearnerConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SMO;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Every learner of the registry whose models are linear is scored by an exported dot product (the fast path is
 * taken), and that dot product is exactly Weka's own output; the others are scored by Weka itself.
 */
class FastPathTest {
    static Stream<String> learners() {
        return LearnerRegistry.standard().ids().stream();
    }

    @ParameterizedTest
    @MethodSource("learners")
    void linearLearnersAreExportedAndTheOthersStayOnWekasPath(String type) throws Exception {
        LabelSet data = CoreFixtures.labels();
        BinaryRelevanceModel model = (BinaryRelevanceModel) CoreFixtures.train(CoreFixtures.fixed(type,
                "logistic".equals(type) ? "\"max_features\": 300" : ""), data, 7);
        boolean linear = LearnerRegistry.standard().linearIds().contains(type);
        for (String topic : data.topics().ids()) {
            TopicScorer s = model.scorer(topic);
            assertEquals(linear ? "linear" : "weka", s.kind(), type + " " + topic);
            assertEquals(s.kind(), model.provenance().training().perTopic().get(topic).scorer());
        }
    }

    @ParameterizedTest
    @MethodSource("linear")
    void theExportedDotProductIsWekasOwnOutput(String type) throws Exception {
        LabelSet data = CoreFixtures.labels();
        FeatureSpace space = FeatureSpace.fit(data.items(), CoreFixtures.fixed(type, "").features());
        Instances header = WekaData.header(space);
        List<SparseVector> vectors = new ArrayList<>();
        for (LabelledItem it : data.items()) {
            vectors.add(space.vectorize(it.title(), it.text()));
        }
        vectors.add(space.vectorize("", "Un texte sans rapport : la météo de demain."));
        LearnerRegistry reg = LearnerRegistry.standard();
        Learner learner = reg.get(type);
        for (String topic : data.topics().ids()) {
            boolean[] labels = new boolean[data.items().size()];
            int pos = 0;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.items().get(i).has(topic);
                pos += labels[i] ? 1 : 0;
            }
            Classifier c = learner.create(reg.options(new LearnerConfig(type, "", "weights")), true, pos,
                    labels.length);
            c.buildClassifier(WekaData.dataset(header, vectors.subList(0, labels.length), labels,
                    learner.weighting() == Learner.Weighting.INSTANCE ? BalancedWeights.classWeights(pos,
                            labels.length) : new double[] {1, 1}));
            LinearScorer exported = assertInstanceOf(LinearScorer.class,
                    learner.export(c, space.size()).orElseThrow());
            for (SparseVector v : vectors) {
                assertEquals(wekaRaw(c, WekaData.instance(header, v)), exported.raw(v), 1e-9, type + " " + topic);
            }
        }
    }

    static Stream<String> linear() {
        return LearnerRegistry.standard().linearIds().stream();
    }

    /** Weka's own decision value for "yes": the SVM output, or the logit of LibLINEAR's probability. */
    private static double wekaRaw(Classifier c, Instance inst) throws Exception {
        if (c instanceof SMO smo) {
            Object binary = ((Object[][]) field(SMO.class, "m_classifiers").get(smo))[0][1];
            Method out = binary.getClass().getDeclaredMethod("SVMOutput", int.class, Instance.class);
            out.setAccessible(true);
            return (double) out.invoke(binary, -1, inst);
        }
        double p = c.distributionForInstance(inst)[WekaData.YES];
        return Math.log(p / (1 - p));
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) throws NoSuchFieldException {
        java.lang.reflect.Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
