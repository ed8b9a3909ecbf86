package io.rubrique.active;

import java.util.List;

/**
 * A way of choosing which unlabelled items to label next. Implementations rank the candidates of a
 * {@link Selection} and return at most {@code n} picks, best first; diversity within the batch is the job of
 * {@link Diversity}, which every model-based strategy applies to its values.
 */
public interface Strategy {
    /** The name used on the command line and in reports. */
    String id();

    /**
     * Whether it ranks by a model's scores; without a model such a strategy falls back to the cold start, and
     * callers load or train one for it.
     */
    boolean needsModel();

    /** Whether it ranks by the disagreement of a committee of fold models, which callers then train. */
    default boolean needsCommittee() {
        return false;
    }

    List<Pick> select(Selection selection, int n);
}
