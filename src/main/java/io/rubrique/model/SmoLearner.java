package io.rubrique.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.supportVector.PolyKernel;
import weka.core.SelectedTag;

/**
 * Weka's SMO support vector machine. With its linear kernel (the default) the fitted machine is exported as its
 * weight vector and bias: the raw score is the SVM output w·x − b, calibrated by rubrique on held-out scores, so
 * Weka's own calibrator (fitted on training outputs, which saturates at 0 or 1) is not built. Any other kernel or
 * an attribute filter keeps Weka's path, with Weka's calibrated outputs.
 */
final class SmoLearner extends WekaLearner {
    @Override
    public String id() {
        return "smo";
    }

    @Override
    public List<String> defaultOptions() {
        return List.of();
    }

    @Override
    public boolean acceptsInstanceWeights() {
        return true;
    }

    @Override
    public Weighting weighting() {
        return Weighting.INSTANCE;
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
        return new SMO();
    }

    @Override
    void adjust(AbstractClassifier c, List<String> options, boolean balanced, int positives, int total) {
        SMO smo = (SMO) c;
        // Set in code, after the options (setOptions resets what it is not given). No attribute normalisation
        // unless asked for with -N: it would densify sparse vectors and is pointless on L2-normalised ones.
        if (!options.contains("-N")) {
            smo.setFilterType(new SelectedTag(SMO.FILTER_NONE, SMO.TAGS_FILTER));
        }
        smo.setBuildCalibrationModels(!linear(smo));
    }

    /** A linear, unfiltered machine: its output is a dot product with our own vectors. */
    private static boolean linear(SMO smo) {
        return smo.getFilterType().getSelectedTag().getID() == SMO.FILTER_NONE
                && smo.getKernel() instanceof PolyKernel k && k.getExponent() == 1.0 && !k.getUseLowerOrder();
    }

    @Override
    public Optional<LinearScorer> export(Classifier fitted, int numFeatures) {
        if (!(fitted instanceof SMO smo) || !linear(smo) || smo.sparseWeights() == null
                || smo.sparseWeights().length != 2 || smo.sparseWeights()[0][1] == null) {
            return Optional.empty();
        }
        double[] sw = smo.sparseWeights()[0][1];
        int[] si = smo.sparseIndices()[0][1];
        double[] dense = new double[numFeatures];
        for (int p = 0; p < sw.length; p++) {
            if (si[p] < numFeatures) {
                dense[si[p]] = sw[p];
            }
        }
        // SMO's output for the class pair (no, yes) is w·x − b, positive for "yes".
        return Optional.of(new LinearScorer(dense, -smo.bias()[0][1]));
    }

    @Override
    public List<String> allowList() {
        List<String> l = new ArrayList<>(WEKA_CORE);
        l.addAll(List.of("weka.classifiers.functions.SMO", "weka.classifiers.functions.SMO$BinarySMO",
                "weka.classifiers.functions.Logistic", "weka.classifiers.functions.supportVector.CachedKernel",
                "weka.classifiers.functions.supportVector.Kernel", "weka.classifiers.functions.supportVector.PolyKernel",
                "weka.filters.unsupervised.attribute.NominalToBinary",
                "weka.filters.unsupervised.attribute.PotentialClassIgnorer",
                "weka.filters.unsupervised.attribute.ReplaceMissingValues",
                "weka.filters.unsupervised.attribute.Remove", "weka.filters.unsupervised.attribute.RemoveUseless",
                "weka.filters.unsupervised.attribute.Normalize", "weka.filters.unsupervised.attribute.Standardize",
                "weka.filters.SimpleBatchFilter", "weka.filters.SimpleFilter"));
        return l;
    }
}
