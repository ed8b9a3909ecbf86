package io.rubrique.model;

import io.rubrique.config.LearnerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.bayes.NaiveBayesMultinomial;
import weka.classifiers.functions.LibLINEAR;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SMO;
import weka.core.OptionHandler;
import weka.core.SelectedTag;
import weka.core.Utils;

/**
 * Makes the Weka base learner a config names, with defaults that suit sparse, L2-normalised text vectors. The
 * config's {@code options} come after the defaults, so they override them.
 */
final class Learners {
    private Learners() {
    }

    /** Defaults per learner type: the reasons are in the comments. */
    static String[] defaultOptions(String type) {
        return switch (type) {
            // L2-regularised logistic regression (-S 0): the only LibLINEAR solver with probabilities (-P).
            // -W is given so that LibLINEAR does not print "Zero Weights processed" to stdout.
            case "liblinear" -> new String[] {"-S", "0", "-C", "1.0", "-B", "1.0", "-P", "-W", "1 1"};
            // Weka's default ridge (1e-8) overfits thousands of features on a few dozen items.
            case "logistic" -> new String[] {"-R", "1.0", "-M", "200"};
            default -> new String[0];
        };
    }

    /** A fresh, configured learner for one topic with {@code positives} of {@code total} items positive. */
    static Classifier create(LearnerConfig config, int positives, int total) {
        AbstractClassifier c = switch (config.type()) {
            case "liblinear" -> new LibLINEAR();
            case "naive-bayes-multinomial" -> new NaiveBayesMultinomial();
            case "smo" -> new SMO();
            case "logistic" -> new Logistic();
            default -> throw new IllegalArgumentException("unknown learner type " + config.type());
        };
        List<String> options;
        try {
            options = merge(defaultOptions(config.type()), Utils.splitOptions(config.options()));
            if (!options.isEmpty()) {
                ((OptionHandler) c).setOptions(options.toArray(String[]::new));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("learner.options: '" + config.options() + "' rejected by "
                    + config.type() + ": " + e.getMessage(), e);
        }
        if (c instanceof SMO smo) {
            // Set in code, after any user options (setOptions resets what it is not given), and not through
            // default options: SMO.setOptions looks kernels up by name, which makes Weka scan the classpath.
            // Calibrated outputs (scores in [0, 1]) always; no attribute normalisation (it would densify sparse
            // vectors) unless the user chose a filter with -N.
            smo.setBuildCalibrationModels(true);
            if (!options.contains("-N")) {
                smo.setFilterType(new SelectedTag(SMO.FILTER_NONE, SMO.TAGS_FILTER));
            }
        }
        if (c instanceof LibLINEAR lin && "weights".equals(config.balance())) {
            double[] w = BalancedWeights.classWeights(positives, total);
            lin.setWeights(w[0] + " " + w[1]);
        }
        return c;
    }

    /**
     * Defaults followed by the user's options, minus every default flag the user gives again (Weka rejects a
     * repeated flag). A token starting with '-' followed by a letter is a flag; a default flag's value is the
     * following token unless that is a flag itself.
     */
    static List<String> merge(String[] defaults, String[] user) {
        java.util.Set<String> userFlags = new java.util.HashSet<>();
        for (String u : user) {
            if (isFlag(u)) {
                userFlags.add(u);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < defaults.length; i++) {
            boolean hasValue = i + 1 < defaults.length && !isFlag(defaults[i + 1]);
            if (!userFlags.contains(defaults[i])) {
                out.add(defaults[i]);
                if (hasValue) {
                    out.add(defaults[i + 1]);
                }
            }
            if (hasValue) {
                i++;
            }
        }
        out.addAll(Arrays.asList(user));
        return out;
    }

    private static boolean isFlag(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1));
    }

    /** Whether balance must be applied as instance weights (LibLINEAR takes class weights instead). */
    static boolean wantsInstanceWeights(LearnerConfig config) {
        return "weights".equals(config.balance()) && !"liblinear".equals(config.type());
    }

    /** Checks a config's options without training (for config validation). */
    static void check(LearnerConfig config) {
        create(config, 1, 2);
    }
}
