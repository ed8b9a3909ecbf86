package io.rubrique.active;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A model with hand-set scores per text (unknown texts score 0), for ranking tests. */
record StubModel(TopicSet topics, Map<String, double[]> scores, double[] thresholdValues) implements ScoringModel {
    @Override
    public Tagging tag(String title, String text) {
        double[] s = scores.getOrDefault(text, new double[topics.size()]);
        PerTopic<Double> p = PerTopic.ofDoubles(topics, s);
        List<String> on = new ArrayList<>();
        List<String> ids = topics.ids();
        for (int t = 0; t < ids.size(); t++) {
            if (s[t] >= thresholdValues[t]) {
                on.add(ids.get(t));
            }
        }
        return new Tagging(on, p);
    }

    @Override
    public PerTopic<Double> thresholds() {
        return PerTopic.ofDoubles(topics, thresholdValues);
    }
}
