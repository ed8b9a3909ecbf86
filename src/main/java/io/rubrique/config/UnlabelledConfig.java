package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Learning from unlabelled items (the inbox), inside every training set: some unlabelled items get a pseudo-label
 * per topic and join that topic's training data with a small weight, and their words join the dictionary, so a
 * topic can learn words its few labelled items never used.
 *
 * @param method    "none"; "self-training" (Yarowsky 1995; McClosky et al. 2006): a first model ranks the
 *                  unlabelled items per topic, the top {@code per_topic} on the positive side become positives and
 *                  the bottom {@code per_topic} negatives, then the topic is retrained; "neighbours" (label
 *                  propagation from labelled neighbours, Zhu and Ghahramani 2002, one step): an unlabelled item's
 *                  label for a topic is the similarity-weighted vote of its {@code neighbours} most similar
 *                  labelled items, the most clear-cut become pseudo-labels
 * @param weight    instance weight of a pseudo-labelled item (labelled items weigh 1)
 * @param perTopic  pseudo-positives (and as many pseudo-negatives) per topic at most
 * @param neighbours labelled neighbours per unlabelled item ("neighbours" only)
 * @param maxItems  at most this many unlabelled items are used (the first ones), bounding time and memory
 */
public record UnlabelledConfig(String method, Double weight, Integer perTopic, Integer neighbours, Integer maxItems)
        implements java.io.Serializable {
    /** The ways of learning from unlabelled items. */
    public enum Method implements Choice {
        NONE, SELF_TRAINING, NEIGHBOURS
    }

    public static final List<String> METHODS = Choice.ids(Method.class);

    public UnlabelledConfig {
        method = method == null ? "none" : method;
        weight = weight == null ? 0.5 : weight;
        perTopic = perTopic == null ? 10 : perTopic;
        neighbours = neighbours == null ? 5 : neighbours;
        maxItems = maxItems == null ? 20_000 : maxItems;
    }

    public static UnlabelledConfig defaults() {
        return new UnlabelledConfig(null, null, null, null, null);
    }

    /** {@code method} as its constant. */
    public Method kind() {
        return Choice.of(Method.class, method, "unlabelled.method");
    }

    public boolean enabled() {
        return kind() != Method.NONE;
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!METHODS.contains(method)) {
            p.add("unlabelled.method: '" + method + "' is not one of " + METHODS);
        }
        if (!(weight > 0) || weight > 10) {
            p.add("unlabelled.weight: must be in (0, 10], was " + weight);
        }
        if (perTopic < 1 || perTopic > 10_000) {
            p.add("unlabelled.per_topic: must be between 1 and 10000, was " + perTopic);
        }
        if (neighbours < 1 || neighbours > 100) {
            p.add("unlabelled.neighbours: must be between 1 and 100, was " + neighbours);
        }
        if (maxItems < 1) {
            p.add("unlabelled.max_items: must be at least 1, was " + maxItems);
        }
        return p;
    }
}
