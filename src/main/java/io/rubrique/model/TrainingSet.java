package io.rubrique.model;

import io.rubrique.data.DataProvenance;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Hashing;
import java.util.List;
import java.util.Objects;

/**
 * What a trainer learns from: the topics, the labelled items, optional unlabelled items, and the record of where
 * they came from (which the fitted model carries in its provenance).
 */
public record TrainingSet(TopicSet topics, List<LabelledItem> items, List<Snippet> unlabelled, DataProvenance data,
        ModelProvenance.UnlabelledProvenance unlabelledData) {
    public TrainingSet {
        Objects.requireNonNull(topics, "topics");
        items = List.copyOf(items);
        unlabelled = List.copyOf(unlabelled);
        Objects.requireNonNull(data, "data");
    }

    /** A whole label set, no unlabelled items. */
    public static TrainingSet of(LabelSet labels) {
        return new TrainingSet(labels.topics(), labels.items(), List.of(), labels.provenance(), null);
    }

    /** Items given directly (tests, folds): their provenance digests their ids and topics. */
    public static TrainingSet of(TopicSet topics, List<LabelledItem> items) {
        return new TrainingSet(topics, items, List.of(), describe("(items)", topics, items), null);
    }

    /** The same topics and unlabelled items with other labelled items (a cross-validation fold). */
    public TrainingSet withItems(List<LabelledItem> subset, String label) {
        return new TrainingSet(topics, subset, unlabelled, describe(label, topics, subset), unlabelledData);
    }

    /** The same labelled items with unlabelled ones. */
    public TrainingSet withUnlabelled(List<Snippet> extra, ModelProvenance.UnlabelledProvenance provenance) {
        return new TrainingSet(topics, items, extra, data, provenance);
    }

    private static DataProvenance describe(String label, TopicSet topics, List<LabelledItem> items) {
        StringBuilder sb = new StringBuilder();
        for (LabelledItem i : items) {
            sb.append(i.id()).append('\t').append(String.join(",", i.topics())).append('\n');
        }
        return new DataProvenance(label, Hashing.sha256(sb.toString()), items.size(),
                PerTopic.of(topics, t -> (int) items.stream().filter(i -> i.has(t)).count()).toMap());
    }
}
