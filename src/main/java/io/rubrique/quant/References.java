package io.rubrique.quant;

import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainedModel;
import java.util.List;

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

    /**
     * From a labelled random sample of items like those to be quantified, which the model was not trained on: each
     * topic's scores on the sample's items with and without it stand in for the inner cross-validation's. Rates
     * measured on the user's own kind of items hold where the training items differ from them (hand-picked seeds
     * against an inbox: experiments/QUANTIFY-STUDY.md, the "oracle" rows). A topic that no sample item carries, or
     * that every item carries, has no rates: refused, naming the topic.
     */
    public static PerTopic<TopicReference> fromSample(TopicTagger model, LabelSet sample) {
        List<LabelledItem> items = sample.items();
        List<io.rubrique.model.Tagging> tags = model.tagAll(items.stream()
                .map(i -> new io.rubrique.data.Snippet(i.id(), i.title(), i.text(), null)).toList());
        PerTopic<Double> thresholds = model.thresholds();
        return PerTopic.of(thresholds.topics(), t -> {
            double[] scores = new double[items.size()];
            boolean[] gold = new boolean[items.size()];
            int positives = 0;
            for (int k = 0; k < items.size(); k++) {
                scores[k] = tags.get(k).scores().get(t);
                gold[k] = items.get(k).has(t);
                positives += gold[k] ? 1 : 0;
            }
            if (positives == 0 || positives == items.size()) {
                throw new IllegalArgumentException("the rates sample " + sample.origin() + " has no item "
                        + (positives == 0 ? "with" : "without") + " topic " + t + " among its " + items.size()
                        + ": label more randomly drawn items, or quantify without --rates-from");
            }
            return new TopicReference(thresholds.get(t), ModelProvenance.HeldOut.of(1, scores, gold));
        });
    }

    private static PerTopic<TopicReference> of(PerTopic<Double> thresholds, ModelProvenance.TrainingFacts facts) {
        return PerTopic.of(thresholds.topics(), t -> {
            ModelProvenance.TopicFacts f = facts == null ? null : facts.perTopic().get(t);
            return new TopicReference(thresholds.get(t), f == null ? null : f.heldOut());
        });
    }
}
