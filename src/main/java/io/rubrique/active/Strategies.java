package io.rubrique.active;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The selection strategies by name; the default is the one the simulation study showed to work best. */
public final class Strategies {
    /**
     * The strategy {@code suggest} and the labelling page use unless told otherwise: query by committee, which had
     * the largest mean gain over random along the learning curve in both simulations (experiments/ACTIVE.md).
     */
    public static final String DEFAULT = "disagreement";

    private static final Map<String, Strategy> ALL;

    static {
        Map<String, Strategy> m = new LinkedHashMap<>();
        for (Strategy s : List.of(new UncertaintyStrategy(false), new UncertaintyStrategy(true),
                new DisagreementStrategy(), new RandomStrategy(), new ColdStartStrategy())) {
            m.put(s.id(), s);
        }
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    private Strategies() {
    }

    public static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }

    /** The strategy of that name ("default" is an alias of {@link #DEFAULT}). */
    public static Strategy get(String id) {
        Strategy s = ALL.get("default".equals(id) ? DEFAULT : id);
        if (s == null) {
            throw new IllegalArgumentException("unknown strategy '" + id + "' (known: default, "
                    + String.join(", ", ALL.keySet()) + ")");
        }
        return s;
    }
}
