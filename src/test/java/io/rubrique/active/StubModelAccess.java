package io.rubrique.active;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import java.util.Map;

/** {@link StubModel} for tests outside this package. */
public final class StubModelAccess implements ScoringModel {
    private final StubModel stub;

    public StubModelAccess(TopicSet topics, Map<String, double[]> scores, double[] thresholds) {
        this.stub = new StubModel(topics, scores, thresholds);
    }

    @Override
    public TopicSet topics() {
        return stub.topics();
    }

    @Override
    public Tagging tag(String title, String text) {
        return stub.tag(title, text);
    }

    @Override
    public PerTopic<Double> thresholds() {
        return stub.thresholds();
    }
}
