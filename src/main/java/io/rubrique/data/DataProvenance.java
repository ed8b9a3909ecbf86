package io.rubrique.data;

import java.util.Map;

/** Which data made a model or report: where it was read from, its SHA-256, its size and topic counts. */
public record DataProvenance(String path, String sha256, int items, Map<String, Integer> perTopic) {
}
