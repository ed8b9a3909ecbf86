package io.rubrique.model;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The JEP 290 filter a model file is read through: only the classes a rubrique model is made of (the model's
 * own parts, plus the Weka classes of its learner when that learner is scored through Weka), and bounds that a
 * real model never comes near but that stop hostile files: nesting depth (nested collections whose hash codes
 * explode), array lengths and object counts (each element or object takes at least one byte of the stream, so
 * neither can exceed the file's size), and the stream length itself. Everything else is rejected before it is
 * instantiated. Tests train every registered learner and load its model through this filter.
 */
final class ModelClassFilter {
    /**
     * Deepest nesting allowed. Measured on real models (ModelArtifactTest): 6 for linear models, 17 for the
     * deepest Weka-path learner; a collection nested this deep costs at most 2^24 hash operations.
     */
    static final int MAX_DEPTH = 24;

    /**
     * Classes of every model: the model, its feature space, and the exported scorers. The model, the space and
     * the Weka scorer are read through their serialized forms (the classes themselves refuse direct reading);
     * they are listed because the filter also checks what a form's readResolve returns.
     */
    static final List<String> CORE = List.of(
            "io.rubrique.model.BinaryRelevanceModel$Form", "io.rubrique.text.FeatureSpace$Form",
            "io.rubrique.model.BinaryRelevanceModel", "io.rubrique.text.FeatureSpace", "io.rubrique.model.WekaScorer",
            "io.rubrique.config.FeatureConfig", "io.rubrique.model.TopicScorer", "io.rubrique.model.LinearScorer",
            "io.rubrique.model.ConstantScorer", "io.rubrique.model.Calibration", "io.rubrique.model.WekaScorer$Form",
            "java.lang.String", "java.lang.Integer", "java.lang.Double", "java.lang.Boolean", "java.lang.Number");

    private ModelClassFilter() {
    }

    /** The filter for a model of {@code learnerId} whose file is {@code fileBytes} long. */
    static Recording forModel(String learnerId, long fileBytes) {
        List<String> classes = new ArrayList<>(CORE);
        classes.addAll(LearnerRegistry.standard().allowList(learnerId));
        long bound = Math.max(1024, fileBytes);
        String limits = "maxdepth=" + MAX_DEPTH + ";maxrefs=" + bound + ";maxbytes=" + (bound + 1024)
                + ";maxarray=" + bound;
        return new Recording(ObjectInputFilter.Config.createFilter(limits + ";" + String.join(";", classes) + ";!*"));
    }

    /** The filter, remembering what it rejected (for an error message that says why) and the deepest nesting. */
    static final class Recording implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        private volatile String rejected;
        private volatile long maxDepth;

        Recording(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            maxDepth = Math.max(maxDepth, info.depth());
            Status s = delegate.checkInput(info);
            if (s == Status.REJECTED && rejected == null) {
                Class<?> c = info.serialClass();
                rejected = c != null && !c.isPrimitive() && !(c.isArray() && c.getComponentType().isPrimitive())
                        && info.arrayLength() < 0 ? "class " + c.getName()
                        : "depth " + info.depth() + ", references " + info.references() + ", array length "
                                + info.arrayLength() + ", bytes " + info.streamBytes() + (c == null ? ""
                                        : ", class " + c.getName());
            }
            return s;
        }

        /** What was rejected first, or null. */
        String rejected() {
            return rejected;
        }

        long maxDepth() {
            return maxDepth;
        }
    }
}
