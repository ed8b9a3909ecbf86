package io.rubrique.model;

import io.rubrique.text.FeatureBlocks;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
     * Classes of every model: the model, its feature blocks, and the exported scorers. The model, the blocks and
     * the Weka scorer are read through their serialized forms (the classes themselves refuse direct reading);
     * they are listed because the filter also checks what a form's readResolve returns.
     */
    static final List<String> CORE = core();

    private static List<String> core() {
        List<String> c = new ArrayList<>(List.of(
                "io.rubrique.model.BinaryRelevanceModel$Form", "io.rubrique.model.BinaryRelevanceModel",
                "io.rubrique.model.WekaScorer", "io.rubrique.model.TopicScorer", "io.rubrique.model.LinearScorer",
                "io.rubrique.model.ConstantScorer", "io.rubrique.model.Calibration",
                "io.rubrique.model.WekaScorer$Form", "java.lang.String", "java.lang.Integer", "java.lang.Double",
                "java.lang.Boolean", "java.lang.Number"));
        // the feature blocks declare their own serialized classes
        c.addAll(FeatureBlocks.SERIALIZED_CLASSES);
        FeatureBlocks.TYPES.forEach(t -> c.addAll(t.serializedClasses()));
        return List.copyOf(new java.util.LinkedHashSet<>(c));
    }

    private ModelClassFilter() {
    }

    /** The filter for a model of {@code learnerId} whose file is {@code fileBytes} long. */
    static Recording forModel(String learnerId, long fileBytes) {
        List<String> classes = new ArrayList<>(CORE);
        classes.addAll(LearnerRegistry.standard().allowList(learnerId));
        long bound = Math.max(1024, fileBytes);
        return new Recording(Set.copyOf(classes), MAX_DEPTH, bound, bound + 1024, bound);
    }

    /**
     * The filter, remembering what it rejected (for an error message that says why) and the deepest nesting. It
     * decides as {@code ObjectInputFilter.Config.createFilter("maxdepth=…;maxrefs=…;maxbytes=…;maxarray=…;"
     * + names + ";!*")} would for exact class names (which every allow-list entry is), written out because
     * building the JDK's pattern filter cost a fresh JVM about 40 ms (the security properties, one lambda per
     * pattern), a sixth of a model load: limits first, then arrays by length and by their element type, primitive
     * types left undecided (allowed), listed classes allowed and every other class rejected.
     */
    static final class Recording implements ObjectInputFilter {
        private final Set<String> allowed;
        private final long maxDepth;
        private final long maxRefs;
        private final long maxBytes;
        private final long maxArray;
        private volatile String rejected;
        private volatile long deepest;

        Recording(Set<String> allowed, long maxDepth, long maxRefs, long maxBytes, long maxArray) {
            this.allowed = allowed;
            this.maxDepth = maxDepth;
            this.maxRefs = maxRefs;
            this.maxBytes = maxBytes;
            this.maxArray = maxArray;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            deepest = Math.max(deepest, info.depth());
            Status s = decide(info);
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

        private Status decide(FilterInfo info) {
            if (info.references() < 0 || info.depth() < 0 || info.streamBytes() < 0 || info.references() > maxRefs
                    || info.depth() > maxDepth || info.streamBytes() > maxBytes) {
                return Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED;
            }
            if (c.isArray()) {
                if (info.arrayLength() >= 0 && info.arrayLength() > maxArray) {
                    return Status.REJECTED;
                }
                while (c.isArray()) {
                    c = c.getComponentType();
                }
            }
            if (c.isPrimitive()) {
                return Status.UNDECIDED;
            }
            return allowed.contains(c.getName()) ? Status.ALLOWED : Status.REJECTED;
        }

        /** What was rejected first, or null. */
        String rejected() {
            return rejected;
        }

        long maxDepth() {
            return deepest;
        }
    }
}
