package io.rubrique.eval;

import io.rubrique.data.LabelledItem;
import java.util.List;

/**
 * A finished evaluation before it is written: the report plus the per-item predictions behind it, which go to
 * {@code predictions.jsonl} (and {@code test_predictions.jsonl}) rather than into the report.
 *
 * @param testPredictions null when there is no test set
 */
public record RunOutcome(RunReport report, List<LabelledItem> items, List<Predictions> predictions,
        List<LabelledItem> testItems, Predictions testPredictions) {
    public RunOutcome {
        items = List.copyOf(items);
        predictions = List.copyOf(predictions);
        testItems = List.copyOf(testItems);
    }
}
