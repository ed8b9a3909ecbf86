package io.rubrique.quant;

import java.util.List;
import java.util.Map;

/**
 * What {@code rubrique quantify} and {@code POST /v1/quantify} answer: per group (in key order) its items and per
 * topic (in declared order) the estimated share; the method used; and warnings (shifted mixes, small groups,
 * undated items) to read before trusting the numbers.
 */
public record QuantResult(List<Group> groups, String method, List<String> warnings) {
    public QuantResult {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /** One group: its key ("all", a period, a source), how many items, and per topic the share. */
    public record Group(String key, int items, Map<String, TopicShare> topics) {
        public Group {
            topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics));
        }
    }
}
