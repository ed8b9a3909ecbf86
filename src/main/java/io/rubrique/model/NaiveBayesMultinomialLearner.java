package io.rubrique.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayesMultinomial;

/** Weka's multinomial naive Bayes; scored through Weka. */
final class NaiveBayesMultinomialLearner extends WekaLearner {
    @Override
    public String id() {
        return "naive-bayes-multinomial";
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
        return false;
    }

    @Override
    AbstractClassifier newClassifier() {
        return new NaiveBayesMultinomial();
    }

    @Override
    public Optional<LinearScorer> export(Classifier fitted, int numFeatures) {
        return Optional.empty();
    }

    @Override
    public List<String> allowList() {
        List<String> l = new ArrayList<>(WEKA_CORE);
        l.add("weka.classifiers.bayes.NaiveBayesMultinomial");
        return l;
    }
}
