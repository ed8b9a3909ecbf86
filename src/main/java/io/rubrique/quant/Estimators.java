package io.rubrique.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The estimators {@code --method} can name, by id; a new one is one class and one line here. */
public final class Estimators {
    /** The default, chosen by the pool study (experiments/QUANTIFY-STUDY.md). */
    public static final String DEFAULT = "ms";

    private final Map<String, Estimator> byId;

    private Estimators(List<Estimator> estimators) {
        Map<String, Estimator> m = new LinkedHashMap<>();
        estimators.forEach(e -> m.put(e.id(), e));
        this.byId = java.util.Collections.unmodifiableMap(m);
    }

    /** Every estimator the project ships. */
    public static Estimators standard() {
        List<Estimator> all = new ArrayList<>();
        all.add(new ClassifyAndCount());
        all.add(new AdjustedClassifyAndCount());
        all.add(new ProbabilisticClassifyAndCount());
        all.add(new ProbabilisticAdjustedClassifyAndCount());
        all.add(new ExpectationMaximisation());
        all.add(new HellingerDistanceY());
        all.add(new MedianSweep());
        return new Estimators(all);
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Optional<Estimator> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The estimator of that id, or an error listing the known ones. */
    public Estimator get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown quantification method '" + id
                + "' (known: " + String.join(", ", byId.keySet()) + ")"));
    }
}
