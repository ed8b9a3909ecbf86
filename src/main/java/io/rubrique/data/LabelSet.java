package io.rubrique.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Labelled items read from one file or a directory of {@code .jsonl} files, the topics they are labelled with,
 * and the digest of those bytes (label files and topic declaration).
 */
public record LabelSet(Path origin, List<Path> files, TopicSet topics, List<LabelledItem> items, String sha256) {
    public LabelSet {
        files = List.copyOf(files);
        items = List.copyOf(items);
    }

    /** How many items carry each topic. */
    public PerTopic<Integer> countsPerTopic() {
        return PerTopic.of(topics, t -> (int) items.stream().filter(i -> i.has(t)).count());
    }

    public DataProvenance provenance() {
        return DataProvenance.of(origin, sha256, items.size(), countsPerTopic());
    }
}
