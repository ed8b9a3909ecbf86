package io.rubrique.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which data made a model or report: where it was read from (relative to the working directory when inside it,
 * otherwise only its file name, so that reports and the HTTP API never disclose the training machine's layout),
 * its SHA-256, its size and topic counts in declared order.
 */
public record DataProvenance(String path, String sha256, int items, Map<String, Integer> perTopic) {
    public DataProvenance {
        perTopic = perTopic == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(perTopic));
    }

    public static DataProvenance of(Path origin, String sha256, int items, PerTopic<Integer> perTopic) {
        return new DataProvenance(displayPath(origin), sha256, items, perTopic.toMap());
    }

    /** A path as reports show it: relative to the working directory when under it, else its file name. */
    public static String displayPath(Path p) {
        if (p == null) {
            return "";
        }
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (abs.startsWith(cwd)) {
            String rel = cwd.relativize(abs).toString();
            return rel.isEmpty() ? "." : rel;
        }
        Path name = abs.getFileName();
        return name == null ? "" : name.toString();
    }
}
