package io.rubrique.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code rubrique quantify} and {@code POST /v1/quantify} answer: per group (in key order) its items and per
 * topic (in declared order) the estimated share; the method used; the shifts (group and topic whose estimated
 * share is far from the training mix, so that reports can mark them); and warnings (the shifts in words, small
 * groups, undated items) to read before trusting the numbers.
 */
public record QuantResult(List<Group> groups, String method, List<Shift> shifts, List<String> warnings) {
    public QuantResult {
        groups = List.copyOf(groups);
        shifts = List.copyOf(shifts);
        warnings = List.copyOf(warnings);
    }

    /** One group: its key ("all", a period, a source), how many items, and per topic the share. */
    public record Group(String key, int items, Map<String, TopicShare> topics) {
        public Group {
            topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics));
        }
    }

    /**
     * A group whose estimated share of a topic is far from the share the model was trained at (by more than
     * {@link Quantification#SHIFT} and outside the interval): the model's tags there deserve less trust, since its
     * error rates were measured at the training mix.
     */
    public record Shift(String group, String topic, double share, double training) {
    }

    /** True when the topic's share in that group is a shift. */
    public boolean shifted(String group, String topic) {
        return shifts.stream().anyMatch(s -> s.group().equals(group) && s.topic().equals(topic));
    }

    /** The same result with one more warning. */
    public QuantResult withWarning(String warning) {
        List<String> w = new ArrayList<>(warnings);
        w.add(warning);
        return new QuantResult(groups, method, shifts, w);
    }
}
