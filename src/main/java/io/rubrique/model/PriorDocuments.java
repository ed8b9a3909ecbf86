package io.rubrique.model;

import io.rubrique.config.PriorConfig;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicDef;
import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The topic definitions as training examples: one pseudo-document per topic with seed words, its seed words
 * joined, labelled with that topic only, to be added to every training set (each inner fold's too) with the
 * prior's weight. Empty when the prior is off.
 */
record PriorDocuments(List<LabelledItem> documents, double weight) {
    PriorDocuments {
        documents = List.copyOf(documents);
    }

    static PriorDocuments of(PriorConfig prior, TopicSet topics) {
        if (!prior.enabled()) {
            return new PriorDocuments(List.of(), 0);
        }
        List<LabelledItem> docs = new ArrayList<>();
        for (TopicDef t : topics.topics()) {
            if (t.seedWords().isEmpty()) {
                continue;
            }
            docs.add(new LabelledItem("prior:" + t.id(), ItemKind.TEASER, "topics.json", "",
                    String.join(". ", t.seedWords()) + ".", Set.of(t.id())));
        }
        return new PriorDocuments(docs, prior.weight());
    }
}
