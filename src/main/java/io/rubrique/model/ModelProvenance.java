package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.Topic;
import io.rubrique.util.Versions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the manifest draft of a freshly trained model: what data, config, seed and code made it. */
public final class ModelProvenance {
    private ModelProvenance() {
    }

    public static Manifest draft(TrainedModel model, ExperimentConfig config, LabelSet data, long seed) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        model.thresholds().forEach((t, v) -> thresholds.put(t.id(), v));
        List<String> topics = Topic.all().stream().map(Topic::id).toList();
        return new Manifest(Manifest.FORMAT_VERSION, config.name(), topics, thresholds, config,
                data.provenance(), seed, Versions.libraries(), Versions.codeRevision(Path.of(".")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null, null);
    }
}
