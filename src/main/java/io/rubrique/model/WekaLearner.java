package io.rubrique.model;

import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.OptionHandler;

/** Shared creation logic of the registered Weka learners: make, apply options with a clear error, then adjust. */
abstract class WekaLearner implements Learner {
    /** Classes every Weka-path model holds besides its classifier: the dataset header and its attributes. */
    static final List<String> WEKA_CORE = List.of(
            "weka.classifiers.AbstractClassifier", "weka.classifiers.Classifier",
            "weka.core.AbstractInstance", "weka.core.Attribute", "weka.core.AttributeLocator",
            "weka.core.DenseInstance", "weka.core.SparseInstance", "weka.core.Instances",
            "weka.core.NominalAttributeInfo", "weka.core.Queue", "weka.core.Range", "weka.core.Range$RangeUnit",
            "weka.core.RelationalLocator", "weka.core.StringLocator", "weka.filters.Filter",
            "java.util.ArrayList", "java.util.Hashtable", "java.util.HashMap", "java.util.BitSet",
            "java.lang.Integer", "java.lang.Number", "java.lang.Boolean", "java.lang.Double", "java.lang.Long",
            "java.lang.Object", "java.util.Map$Entry");

    /** A new, unconfigured classifier. */
    abstract AbstractClassifier newClassifier();

    /** Settings applied after the options (e.g. balanced class weights for learners that take them). */
    void adjust(AbstractClassifier c, List<String> options, boolean balanced, int positives, int total) {
    }

    @Override
    public final Classifier create(List<String> options, boolean balanced, int positives, int total) {
        AbstractClassifier c = newClassifier();
        if (!options.isEmpty()) {
            try {
                ((OptionHandler) c).setOptions(options.toArray(String[]::new));
            } catch (Exception e) {
                throw new IllegalArgumentException("learner.options: '" + String.join(" ", options)
                        + "' rejected by " + id() + ": " + e.getMessage(), e);
            }
        }
        adjust(c, options, balanced, positives, total);
        return c;
    }
}
