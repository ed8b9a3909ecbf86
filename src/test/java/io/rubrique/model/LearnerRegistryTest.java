package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.LearnerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.bayes.NaiveBayesMultinomial;
import weka.classifiers.functions.LibLINEAR;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SMO;

/** The learner registry: one entry per learner, defaults merged with user options, balance, checks. */
class LearnerRegistryTest {
    private static final LearnerRegistry REGISTRY = LearnerRegistry.standard();
    private static final List<String> LIBLINEAR = REGISTRY.get("liblinear").defaultOptions();

    private static Object create(String type, String options, String balance, int positives, int total) {
        LearnerConfig c = new LearnerConfig(type, options, balance);
        return REGISTRY.get(type).create(REGISTRY.options(c), "weights".equals(c.balance()), positives, total);
    }

    @Test
    void theRegistryListsEveryLearnerOnceAndKnowsWhichAreLinear() {
        assertEquals(List.of("smo", "liblinear", "logistic", "naive-bayes-multinomial"), REGISTRY.ids());
        assertEquals(List.of("smo", "liblinear"), REGISTRY.linearIds());
        for (String id : REGISTRY.ids()) {
            assertEquals(id, REGISTRY.get(id).id());
            assertFalse(REGISTRY.allowList(id).isEmpty(), id);
        }
    }

    @Test
    void eachLearnerDeclaresWhetherItTakesInstanceWeightsAsItsWekaClassDoes() {
        for (String id : REGISTRY.ids()) {
            Learner l = REGISTRY.get(id);
            boolean weka = l.create(REGISTRY.options(new LearnerConfig(id, "", "none")), false, 1, 2)
                    instanceof weka.core.WeightedInstancesHandler;
            assertEquals(weka, l.acceptsInstanceWeights(), id);
        }
        assertFalse(REGISTRY.get("liblinear").acceptsInstanceWeights());
    }

    @Test
    void anUnknownLearnerNamesTheKnownOnes() {
        List<String> p = REGISTRY.problems(new LearnerConfig("random-forest", "", "weights"));
        assertEquals(List.of("learner.type: 'random-forest' is not one of [smo, liblinear, logistic, "
                + "naive-bayes-multinomial]"), p);
    }

    @Test
    void aUserFlagReplacesTheDefaultAndItsValue() {
        List<String> merged = LearnerRegistry.merge(LIBLINEAR, List.of("-C", "10"));
        assertEquals(List.of("-S", "0", "-B", "1.0", "-P", "-W", "1 1", "-C", "10"), merged);
    }

    @Test
    void defaultFlagsWithoutValuesAreKept() {
        List<String> merged = LearnerRegistry.merge(LIBLINEAR, List.of("-B", "0.5"));
        assertEquals(List.of("-S", "0", "-C", "1.0", "-P", "-W", "1 1", "-B", "0.5"), merged);
        assertEquals(LIBLINEAR, LearnerRegistry.merge(LIBLINEAR, List.of()));
    }

    @Test
    void numbersAreValuesNotFlags() {
        assertEquals(List.of("-M", "200", "-R", "1e-2"),
                LearnerRegistry.merge(REGISTRY.get("logistic").defaultOptions(), List.of("-R", "1e-2")));
        assertEquals(List.of("-A", "x", "-R", "-1", "-M", "-2.5"),
                LearnerRegistry.merge(List.of("-A", "x", "-R", "-1"), List.of("-M", "-2.5")));
        assertEquals(List.of("-Q", "-R", "-3", "-M"),
                LearnerRegistry.merge(List.of("-Q", "-R", "-3", "-M", "-.5"), List.of("-M")));
    }

    @Test
    void userOptionsReachTheLearner() {
        LibLINEAR lin = assertInstanceOf(LibLINEAR.class, create("liblinear", "-C 10", "none", 3, 10));
        assertEquals(10.0, lin.getCost());
        assertTrue(lin.getProbabilityEstimates());
        Logistic log = assertInstanceOf(Logistic.class, create("logistic", "-R 1e-2", "weights", 3, 10));
        assertEquals(0.01, log.getRidge(), 1e-15);
        assertEquals(200, log.getMaxIts());
    }

    @Test
    void liblinearBalancesWithClassWeightsTheOthersWithInstanceWeights() {
        LibLINEAR lin = (LibLINEAR) create("liblinear", "", "weights", 10, 40);
        double[] w = BalancedWeights.classWeights(10, 40);
        assertEquals(w[0] + " " + w[1], lin.getWeights());
        assertEquals(Learner.Weighting.CLASS_OPTION, REGISTRY.get("liblinear").weighting());
        assertEquals(Learner.Weighting.INSTANCE, REGISTRY.get("smo").weighting());
    }

    @Test
    void aLinearSmoIsLeftUncalibratedBecauseRubriqueCalibratesItOnHeldOutScores() {
        SMO smo = assertInstanceOf(SMO.class, create("smo", "-C 2", null, 1, 2));
        assertEquals(2.0, smo.getC());
        assertFalse(smo.getBuildCalibrationModels(), "Weka's own calibrator is fitted on training outputs");
        assertEquals(SMO.FILTER_NONE, smo.getFilterType().getSelectedTag().getID(),
                "user options switched SMO's attribute normalisation on");
        assertInstanceOf(NaiveBayesMultinomial.class, create("naive-bayes-multinomial", null, null, 1, 2));
    }

    @Test
    void anSmoThatIsNotLinearKeepsWekasCalibrationForItsWekaPath() {
        SMO smo = (SMO) create("smo", "-K \"weka.classifiers.functions.supportVector.PolyKernel -E 2.0\"", null,
                1, 2);
        assertTrue(smo.getBuildCalibrationModels());
    }

    @Test
    void rejectedOptionsNameTheConfigField() {
        List<String> p = REGISTRY.problems(new LearnerConfig("liblinear", "-Z nonsense", null));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("learner.options: '"), p.get(0));
        assertTrue(p.get(0).contains("-Z nonsense"), p.get(0));
        assertThrows(IllegalArgumentException.class, () -> new BinaryRelevanceTrainer(
                CoreFixtures.fixed("liblinear", "").withLearner(new LearnerConfig("liblinear", "-Z x", null))));
    }
}
