package io.rubrique.model;

import io.rubrique.config.LearnerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import weka.core.Utils;

/**
 * The learners a config may name, one entry each. Everything that depends on the learner (creation, defaults,
 * weighting, allow-list, fast scorer) is looked up here, so tests and the trainer take their learner list from
 * one place.
 */
public final class LearnerRegistry {
    private static final LearnerRegistry STANDARD = new LearnerRegistry(List.of(new SmoLearner(),
            new LiblinearLearner(), new LogisticLearner(), new NaiveBayesMultinomialLearner()));

    private final Map<String, Learner> learners;

    private LearnerRegistry(List<Learner> learners) {
        Map<String, Learner> m = new LinkedHashMap<>();
        for (Learner l : learners) {
            if (m.putIfAbsent(l.id(), l) != null) {
                throw new IllegalArgumentException("learner '" + l.id() + "' registered twice");
            }
        }
        this.learners = java.util.Collections.unmodifiableMap(m);
    }

    public static LearnerRegistry standard() {
        return STANDARD;
    }

    /** Learner ids in registration order. */
    public List<String> ids() {
        return List.copyOf(learners.keySet());
    }

    /** Ids of the learners whose models are scored by an exported dot product. */
    public List<String> linearIds() {
        return learners.values().stream().filter(Learner::exportsLinear).map(Learner::id).toList();
    }

    Learner get(String id) {
        Learner l = learners.get(id);
        if (l == null) {
            throw new IllegalArgumentException("learner.type: '" + id + "' is not one of " + ids());
        }
        return l;
    }

    /** Problems with a learner section (unknown type, options Weka rejects), each as "learner.field: message". */
    public List<String> problems(LearnerConfig config) {
        if (!learners.containsKey(config.type())) {
            return List.of("learner.type: '" + config.type() + "' is not one of " + ids());
        }
        try {
            get(config.type()).create(options(config), config.balancing() == LearnerConfig.Balance.WEIGHTS, 1, 2);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    /** The learner's defaults followed by the config's options (a flag the config repeats replaces the default). */
    List<String> options(LearnerConfig config) {
        String[] user;
        try {
            user = Utils.splitOptions(config.options());
        } catch (Exception e) {
            throw new IllegalArgumentException("learner.options: '" + config.options() + "' cannot be split: "
                    + e.getMessage(), e);
        }
        return merge(get(config.type()).defaultOptions(), Arrays.asList(user));
    }

    /** The class patterns a model of this learner's Weka path may hold. */
    List<String> allowList(String learnerId) {
        return get(learnerId).allowList();
    }

    /**
     * Defaults followed by the user's options, minus every default flag the user gives again (Weka rejects a
     * repeated flag). A token starting with '-' followed by a letter is a flag; a default flag's value is the
     * following token unless that is a flag itself.
     */
    static List<String> merge(List<String> defaults, List<String> user) {
        Set<String> userFlags = new HashSet<>();
        for (String u : user) {
            if (isFlag(u)) {
                userFlags.add(u);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            boolean hasValue = i + 1 < defaults.size() && !isFlag(defaults.get(i + 1));
            if (!userFlags.contains(defaults.get(i))) {
                out.add(defaults.get(i));
                if (hasValue) {
                    out.add(defaults.get(i + 1));
                }
            }
            if (hasValue) {
                i++;
            }
        }
        out.addAll(user);
        return out;
    }

    private static boolean isFlag(String token) {
        return token.length() > 1 && token.charAt(0) == '-' && Character.isLetter(token.charAt(1));
    }

    /** The option a learner's regularisation is set with, for model selection; empty when it has none. */
    Optional<String> regularisationFlag(String learnerId) {
        return get(learnerId).regularisationFlag();
    }
}
