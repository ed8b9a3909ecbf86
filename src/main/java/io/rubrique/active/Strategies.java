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

    /** The baseline every strategy is compared with in a simulation. */
    public static final String BASELINE = RandomStrategy.ID;
    /** What a strategy that needs a model does without one. */
    public static final String COLD_START = ColdStartStrategy.ID;

    /** The registry: a new strategy is one {@link Strategy} class and one entry here. */
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

    /** What {@code --strategy} accepts: "default" and every registered id. */
    public static List<String> names() {
        List<String> out = new java.util.ArrayList<>(List.of("default"));
        out.addAll(ALL.keySet());
        return out;
    }

    /**
     * What {@code simulate} compares by default: the default strategy, the other registered ones except the cold
     * start (where every model-based strategy begins anyway), and the baseline last.
     */
    public static List<String> compared() {
        List<String> out = new java.util.ArrayList<>(List.of(DEFAULT));
        ALL.keySet().stream().filter(id -> !id.equals(DEFAULT) && !id.equals(COLD_START) && !id.equals(BASELINE))
                .forEach(out::add);
        out.add(BASELINE);
        return out;
    }

    /** The strategy of that name ("default" is an alias of {@link #DEFAULT}). */
    public static Strategy get(String id) {
        Strategy s = ALL.get("default".equals(id) ? DEFAULT : id);
        if (s == null) {
            throw new IllegalArgumentException("unknown strategy '" + id + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return s;
    }
}
