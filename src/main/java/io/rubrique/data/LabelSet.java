package io.rubrique.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labelled items read from one file or a directory of {@code .jsonl} files, with the digest of those bytes. */
public record LabelSet(Path origin, List<Path> files, List<LabelledItem> items, String sha256) {
    public LabelSet {
        files = List.copyOf(files);
        items = List.copyOf(items);
    }

    /** How many items carry each topic, in canonical topic order. */
    public Map<String, Integer> countsPerTopic() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Topic t : Topic.all()) {
            m.put(t.id(), (int) items.stream().filter(i -> i.has(t)).count());
        }
        return m;
    }

    public DataProvenance provenance() {
        return new DataProvenance(origin.toString(), sha256, items.size(), countsPerTopic());
    }
}
