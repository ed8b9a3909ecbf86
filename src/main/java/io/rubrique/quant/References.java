package io.rubrique.quant;

import io.rubrique.data.PerTopic;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainedModel;

/** Per topic what training measured ({@link TopicReference}), from a model's thresholds and provenance. */
public final class References {
    private References() {
    }

    /** From a model trained in this JVM. */
    public static PerTopic<TopicReference> of(TrainedModel model) {
        return of(model.thresholds(), model.provenance().training());
    }

    /** From a loaded model (its manifest, which loading checked against the model file). */
    public static PerTopic<TopicReference> of(TopicTagger model) {
        return of(model.thresholds(), model.manifest().training());
    }

    private static PerTopic<TopicReference> of(PerTopic<Double> thresholds, ModelProvenance.TrainingFacts facts) {
        return PerTopic.of(thresholds.topics(), t -> {
            ModelProvenance.TopicFacts f = facts == null ? null : facts.perTopic().get(t);
            return new TopicReference(thresholds.get(t), f == null ? null : f.heldOut());
        });
    }
}
