package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.config.LearnerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayesMultinomial;
import weka.classifiers.functions.LibLINEAR;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SMO;

/** Building the configured Weka learner: defaults, user options merged over them, balance. */
class LearnersTest {
    private static final String[] LIBLINEAR = Learners.defaultOptions("liblinear");

    @Test
    void aUserFlagReplacesTheDefaultAndItsValue() {
        List<String> merged = Learners.merge(LIBLINEAR, new String[] {"-C", "10"});
        assertEquals(List.of("-S", "0", "-B", "1.0", "-P", "-W", "1 1", "-C", "10"), merged);
    }

    @Test
    void defaultFlagsWithoutValuesAreKept() {
        List<String> merged = Learners.merge(LIBLINEAR, new String[] {"-B", "0.5"});
        assertEquals(List.of("-S", "0", "-C", "1.0", "-P", "-W", "1 1", "-B", "0.5"), merged);
        assertEquals(List.of(LIBLINEAR), Learners.merge(LIBLINEAR, new String[0]));
    }

    @Test
    void numbersAreValuesNotFlags() {
        assertEquals(List.of("-M", "200", "-R", "1e-2"),
                Learners.merge(Learners.defaultOptions("logistic"), new String[] {"-R", "1e-2"}));
        assertEquals(List.of("-A", "x", "-R", "-1", "-M", "-2.5"),
                Learners.merge(new String[] {"-A", "x", "-R", "-1"}, new String[] {"-M", "-2.5"}));
        assertEquals(List.of("-Q", "-R", "-3", "-M"),
                Learners.merge(new String[] {"-Q", "-R", "-3", "-M", "-.5"}, new String[] {"-M"}));
    }

    @Test
    void userOptionsReachTheLearner() {
        Classifier lin = Learners.create(new LearnerConfig("liblinear", "-C 10", "none"), 3, 10);
        assertEquals(10.0, assertInstanceOf(LibLINEAR.class, lin).getCost());
        assertTrue(((LibLINEAR) lin).getProbabilityEstimates());
        Classifier log = Learners.create(new LearnerConfig("logistic", "-R 1e-2", "weights"), 3, 10);
        assertEquals(0.01, assertInstanceOf(Logistic.class, log).getRidge(), 1e-15);
        assertEquals(200, ((Logistic) log).getMaxIts());
    }

    @Test
    void liblinearBalancesWithClassWeights() {
        LibLINEAR lin = (LibLINEAR) Learners.create(new LearnerConfig("liblinear", "", "weights"), 10, 40);
        double[] w = BalancedWeights.classWeights(10, 40);
        assertEquals(w[0] + " " + w[1], lin.getWeights());
        assertTrue(!Learners.wantsInstanceWeights(new LearnerConfig("liblinear", "", "weights")));
        assertTrue(Learners.wantsInstanceWeights(new LearnerConfig("smo", "", "weights")));
        assertTrue(!Learners.wantsInstanceWeights(new LearnerConfig("smo", "", "none")));
    }

    @Test
    void everyTypeIsBuilt() {
        assertInstanceOf(NaiveBayesMultinomial.class, Learners.create(new LearnerConfig("naive-bayes-multinomial",
                null, null), 1, 2));
        SMO smo = assertInstanceOf(SMO.class, Learners.create(new LearnerConfig("smo", null, null), 1, 2));
        assertTrue(smo.getBuildCalibrationModels(), "SMO must be calibrated to give scores in [0, 1]");
        assertEquals(SMO.FILTER_NONE, smo.getFilterType().getSelectedTag().getID());
    }

    @Test
    void smoStaysCalibratedWhenTheUserGivesOptions() {
        SMO smo = (SMO) Learners.create(new LearnerConfig("smo", "-C 2", null), 1, 2);
        assertEquals(2.0, smo.getC());
        assertTrue(smo.getBuildCalibrationModels(), "user options switched SMO's calibration off");
        assertEquals(SMO.FILTER_NONE, smo.getFilterType().getSelectedTag().getID(),
                "user options switched SMO's attribute normalisation on");
    }

    @Test
    void rejectedOptionsNameTheConfigField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learners.check(new LearnerConfig("liblinear", "-Z nonsense", null)));
        assertTrue(e.getMessage().startsWith("learner.options: '-Z nonsense'"), e.getMessage());
    }
}
