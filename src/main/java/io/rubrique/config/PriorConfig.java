package io.rubrique.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Topic definitions as weak evidence: each topic's seed words (from {@code labels/topics.json}) become one
 * pseudo-document, positive for that topic and negative for the others, added to every training set with
 * instance weight {@code weight} (0 turns it off). Matters most while a topic has few labels; learners that
 * ignore instance weights (LibLINEAR) get no prior.
 */
public record PriorConfig(Double weight) implements java.io.Serializable {
    public PriorConfig {
        weight = weight == null ? 0.0 : weight;
    }

    public static PriorConfig defaults() {
        return new PriorConfig(null);
    }

    public boolean enabled() {
        return weight > 0;
    }

    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!(weight >= 0) || weight.isInfinite() || weight > 100) {
            p.add("prior.weight: must be between 0 (off) and 100, was " + weight);
        }
        return p;
    }
}
