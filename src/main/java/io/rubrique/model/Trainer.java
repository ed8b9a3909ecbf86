package io.rubrique.model;

import io.rubrique.data.LabelledItem;
import java.util.List;

/**
 * Fits a {@link TrainedModel} from labelled items. A trainer holds only its configuration, so one instance may
 * train many models concurrently (cross-validation folds in parallel). Everything data-dependent (dictionary,
 * idf, thresholds) is fitted from {@code items} alone: this is what keeps cross-validation honest.
 */
public interface Trainer {
    TrainedModel train(List<LabelledItem> items, long seed);
}
