package io.rubrique.server;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.Manifest;
import io.rubrique.model.ModelLoadException;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deterministic stand-in for a trained model: a topic's score grows with the count of its keywords in the
 * title and text, shifted by the manifest's {@code seed} (in hundredths) so two fake models answer differently.
 * Its whole identity is its manifest, which {@link #loader()} reads from {@code manifest.json}.
 */
final class FakeTagger implements TopicTagger {
    private static final TopicSet TOPICS = TopicSet.defaults();
    private static final Map<String, List<String>> KEYWORDS = Map.of(
            "digital", List.of("numérique", "internet", "données"),
            "security", List.of("sécurité", "cyber", "police"),
            "party-congress", List.of("congrès", "parti"),
            "bilateral-relations", List.of("bilatéral", "coopération", "visite"));

    private final Manifest manifest;
    private final long delayMillis;

    FakeTagger(Manifest manifest, long delayMillis) {
        this.manifest = manifest;
        this.delayMillis = delayMillis;
    }

    FakeTagger(String name, String sha256, long seed) {
        this(manifest(name, sha256, seed), 0);
    }

    static Manifest manifest(String name, String sha256, long seed) {
        return manifest(name, sha256, seed, TOPICS);
    }

    /** A manifest declaring {@code topics}; topics without keywords here always score the seed shift only. */
    static Manifest manifest(String name, String sha256, long seed, TopicSet topics) {
        Map<String, Double> thresholds = new java.util.LinkedHashMap<>();
        topics.ids().forEach(t -> thresholds.put(t, 0.5));
        return new Manifest(Manifest.FORMAT_VERSION, name, topics, thresholds, ExperimentConfig.defaults(),
                new DataProvenance("labels", "0".repeat(64), 10, Map.of()), null, seed,
                new ModelProvenance.TrainingFacts(10, 0, 0, Map.of()), Map.of("rubrique", "test"), "test",
                "2025-01-01T00:00:00Z", "model.ser", sha256);
    }

    /** Reads {@code dir/manifest.json} into a fake tagger; anything unreadable is a {@link ModelLoadException}. */
    static ModelLoader loader() {
        return dir -> {
            Path file = dir.resolve("manifest.json");
            if (!Files.isRegularFile(file)) {
                throw new ModelLoadException(dir + ": manifest.json not found");
            }
            try {
                return new FakeTagger(Json.mapper().readValue(file.toFile(), Manifest.class), 0);
            } catch (IOException e) {
                throw new ModelLoadException(dir + ": unreadable manifest.json: " + e.getMessage(), e);
            }
        };
    }

    /** Writes a model directory that {@link #loader()} loads as this name, checksum and seed. */
    static Path writeModel(Path dir, String name, String sha256, long seed) throws IOException {
        return writeModel(dir, name, sha256, seed, TOPICS);
    }

    /** Writes a model directory with its own topics. */
    static Path writeModel(Path dir, String name, String sha256, long seed, TopicSet topics) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("manifest.json"), out -> Json.mapper().writeValue(out,
                manifest(name, sha256, seed, topics)));
        return dir;
    }

    @Override
    public Tagging tag(String title, String text) {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String all = ((title == null ? "" : title) + " " + text).toLowerCase(Locale.ROOT);
        PerTopic<Double> scores = PerTopic.of(topics(), t -> {
            int count = 0;
            for (String k : KEYWORDS.getOrDefault(t, List.of())) {
                for (int i = all.indexOf(k); i >= 0; i = all.indexOf(k, i + 1)) {
                    count++;
                }
            }
            return Math.min(1.0, count / (count + 1.0) + manifest.seed() / 100.0);
        });
        List<String> topics = new ArrayList<>();
        scores.forEach((t, s) -> {
            if (s >= 0.5) {
                topics.add(t);
            }
        });
        return new Tagging(topics, scores);
    }

    @Override
    public TopicSet topics() {
        return manifest.topics();
    }

    @Override
    public Manifest manifest() {
        return manifest;
    }
}
