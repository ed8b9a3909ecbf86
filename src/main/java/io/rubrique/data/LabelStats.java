package io.rubrique.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Counts of labelled items per topic and per kind, and the mean number of topics per item: what
 * {@code rubrique validate} prints and what the counts table of {@code labels/GUIDELINES.md} shows.
 */
public final class LabelStats {
    /** Row label for items with no topic. */
    public static final String NONE = "(none)";

    private final TopicSet topics;
    private final List<LabelledItem> items;

    private LabelStats(TopicSet topics, List<LabelledItem> items) {
        this.topics = topics;
        this.items = List.copyOf(items);
    }

    public static LabelStats of(TopicSet topics, List<LabelledItem> items) {
        return new LabelStats(topics, items);
    }

    /** Items of that kind (all kinds when {@code kind} is null). */
    public int items(ItemKind kind) {
        return count(kind, i -> true);
    }

    /** Items of that kind (null: all) carrying the topic (null: carrying none). */
    public int count(String topic, ItemKind kind) {
        return count(kind, topic == null ? i -> i.topics().isEmpty() : i -> i.has(topic));
    }

    public double meanTopicsPerItem() {
        return items.stream().mapToInt(i -> i.topics().size()).average().orElse(0);
    }

    private int count(ItemKind kind, Predicate<LabelledItem> p) {
        return (int) items.stream().filter(i -> kind == null || i.kind() == kind).filter(p).count();
    }

    /** Plain-text table for the terminal: one row per topic and "(none)", columns article, teaser, all. */
    public String textTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-20s %8s %8s %8s%n",
                "topic", "article", "teaser", "all"));
        for (List<String> row : rows()) {
            sb.append(String.format(Locale.ROOT, "%-20s %8s %8s %8s%n", row.toArray()));
        }
        return sb.append(String.format(Locale.ROOT, "mean topics per item: %.2f%n", meanTopicsPerItem())).toString();
    }

    /** Markdown table (rows: topics, "(none)", items; columns: article, teaser, all) and the mean topics per item. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| topic | article | teaser | all |\n| --- | ---: | ---: | ---: |\n");
        for (List<String> row : rows()) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.append(String.format(Locale.ROOT, "%nMean topics per item: %.2f.%n", meanTopicsPerItem()))
                .toString();
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (String t : topics.ids()) {
            rows.add(row(t, k -> count(t, k)));
        }
        rows.add(row(NONE, k -> count(null, k)));
        rows.add(row("items", this::items));
        return rows;
    }

    private static List<String> row(String label, Function<ItemKind, Integer> count) {
        return List.of(label, String.valueOf(count.apply(ItemKind.ARTICLE)),
                String.valueOf(count.apply(ItemKind.TEASER)), String.valueOf(count.apply(null)));
    }
}
