package io.rubrique.model;

import de.bwaldvogel.liblinear.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.LibLINEAR;

/**
 * Weka's LibLINEAR wrapper (liblinear-java): L2-regularised logistic regression by default. Exported as its
 * weight vector and bias (the raw score is the decision value w·x + w_b·bias, oriented so that positive means
 * "yes"). Balance is liblinear's own class-weight option.
 */
final class LiblinearLearner extends WekaLearner {
    @Override
    public String id() {
        return "liblinear";
    }

    @Override
    public List<String> defaultOptions() {
        // -S 0: L2-regularised logistic regression, the only solver with probabilities (-P) for the Weka path.
        // -W is given so that LibLINEAR does not print "Zero Weights processed" to stdout.
        return List.of("-S", "0", "-C", "1.0", "-B", "1.0", "-P", "-W", "1 1");
    }

    @Override
    public boolean acceptsInstanceWeights() {
        return false; // LibLINEAR ignores Weka instance weights
    }

    @Override
    public Weighting weighting() {
        return Weighting.CLASS_OPTION;
    }

    @Override
    public boolean exportsLinear() {
        return true;
    }

    @Override
    public Optional<String> regularisationFlag() {
        return Optional.of("-C");
    }

    @Override
    AbstractClassifier newClassifier() {
        return new LibLINEAR();
    }

    @Override
    void adjust(AbstractClassifier c, List<String> options, boolean balanced, int positives, int total) {
        if (balanced) {
            double[] w = BalancedWeights.classWeights(positives, total);
            ((LibLINEAR) c).setWeights(w[0] + " " + w[1]);
        }
    }

    @Override
    public Optional<LinearScorer> export(Classifier fitted, int numFeatures) {
        if (!(fitted instanceof LibLINEAR lin) || lin.getModel() == null || lin.getNormalize()
                || lin.getModel().getNrClass() != 2) {
            return Optional.empty();
        }
        Model m = lin.getModel();
        double[] w = m.getFeatureWeights();
        // Weka numbers attribute a as liblinear feature a + 1; the bias feature comes after all features.
        double sign = m.getLabels()[0] == WekaData.YES ? 1 : -1;
        double[] dense = new double[numFeatures];
        for (int a = 0; a < numFeatures && a < m.getNrFeature(); a++) {
            dense[a] = sign * w[a];
        }
        double bias = m.getBias() >= 0 ? sign * w[m.getNrFeature()] * m.getBias() : 0;
        return Optional.of(new LinearScorer(dense, bias));
    }

    @Override
    public List<String> allowList() {
        List<String> l = new ArrayList<>(WEKA_CORE);
        l.addAll(List.of("weka.classifiers.functions.LibLINEAR", "de.bwaldvogel.liblinear.Model",
                "de.bwaldvogel.liblinear.SolverType", "java.lang.Enum",
                "weka.filters.unsupervised.attribute.NominalToBinary",
                "weka.filters.unsupervised.attribute.ReplaceMissingValues",
                "weka.filters.unsupervised.attribute.Normalize"));
        return l;
    }
}
