package io.rubrique.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;

/** Weka's ridge logistic regression; scored through Weka (its internal filters renumber attributes). */
final class LogisticLearner extends WekaLearner {
    @Override
    public String id() {
        return "logistic";
    }

    @Override
    public List<String> defaultOptions() {
        // Weka's default ridge (1e-8) overfits thousands of features on a few dozen items.
        return List.of("-R", "1.0", "-M", "200");
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
        return false;
    }

    @Override
    AbstractClassifier newClassifier() {
        return new Logistic();
    }

    @Override
    public Optional<LinearScorer> export(Classifier fitted, int numFeatures) {
        return Optional.empty();
    }

    @Override
    public List<String> allowList() {
        List<String> l = new ArrayList<>(WEKA_CORE);
        l.addAll(List.of("weka.classifiers.functions.Logistic",
                "weka.filters.unsupervised.attribute.NominalToBinary",
                "weka.filters.unsupervised.attribute.PotentialClassIgnorer",
                "weka.filters.unsupervised.attribute.RemoveUseless",
                "weka.filters.unsupervised.attribute.ReplaceMissingValues",
                "weka.filters.unsupervised.attribute.Remove"));
        return l;
    }
}
