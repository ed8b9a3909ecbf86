package io.rubrique.model;

import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import java.nio.file.Path;
import java.util.List;

/**
 * The public Java API: tags French news snippets with topics. Implementations are thread-safe: one instance may be
 * shared by any number of threads, and gives each the same answer it would give alone.
 *
 * <pre>{@code
 * TopicTagger tagger = TopicTagger.load(Path.of("models/default"));
 * Tagging t = tagger.tag("Le Vietnam et Singapour coopèrent sur la cybersécurité", "Les deux ministres ...");
 * t.topics();   // [security, bilateral-relations]
 * }</pre>
 */
public interface TopicTagger extends ScoringModel {

    /** Loads a model directory written by {@code rubrique train}, after checking its checksum and format. */
    static TopicTagger load(Path modelDir) throws ModelLoadException {
        return ModelArtifact.load(modelDir);
    }

    /** Tags one snippet; {@code title} may be null or empty, {@code text} must not be null. */
    @Override
    Tagging tag(String title, String text);

    /** Tags many snippets; results are in input order. */
    default List<Tagging> tagAll(List<Snippet> snippets) {
        return snippets.stream().map(s -> tag(s.title(), s.text())).toList();
    }

    /** The topics this model tags with, in the order of every per-topic value it returns. */
    @Override
    TopicSet topics();

    /** The thresholds the model applies (those its manifest records, which loading checked against the model). */
    @Override
    default PerTopic<Double> thresholds() {
        return PerTopic.fromMap(topics(), manifest().thresholds());
    }

    /** How this model was made: topics, thresholds, config, data checksum, versions (written from the model). */
    Manifest manifest();

    /**
     * What the model learnt: per topic the decision rule and, for linear models, the strongest weights. A tagger
     * that cannot look inside its model says so per topic.
     */
    default ModelInspection inspect(int top) {
        return new ModelInspection(0, PerTopic.of(topics(), t -> new ModelInspection.TopicInspection("unknown",
                thresholds().get(t), null, Calibration.logistic(), null, 0, List.of(), List.of(),
                "this model cannot be inspected")));
    }
}
