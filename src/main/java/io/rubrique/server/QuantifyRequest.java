package io.rubrique.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.ItemDate;
import io.rubrique.model.TopicTagger;
import io.rubrique.quant.Estimators;
import io.rubrique.quant.GroupBy;
import io.rubrique.quant.Quantification;
import io.rubrique.quant.QuantResult;
import io.rubrique.quant.Quantifier;
import io.rubrique.quant.References;
import io.rubrique.quant.TaggedItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code POST /v1/quantify} request, {@code {"items": [{"id"?, "title"?, "text", "date"?, "source"?}], "by"?,
 * "method"?}}, checked field by field (every problem a 422 naming its path), and its answer: the JSON of
 * {@code rubrique quantify}.
 */
record QuantifyRequest(List<Item> items, GroupBy by, String method) {
    /** The most items one request may carry (the 1 MiB body limit usually binds first). */
    static final int MAX_ITEMS = 10_000;
    private static final Set<String> FIELDS = Set.of("items", "by", "method");
    private static final Set<String> ITEM_FIELDS = Set.of("id", "title", "text", "date", "source");

    /** One item of the request. */
    record Item(String title, String text, LocalDate date, String source) {
    }

    static QuantifyRequest read(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw invalid(List.of("(body): must be a JSON object"));
        }
        unknown(root, "", FIELDS, problems);
        GroupBy by = GroupBy.NONE;
        JsonNode byNode = root.get("by");
        if (byNode != null && !byNode.isNull()) {
            try {
                by = GroupBy.valueOf(byNode.asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("by: must be one of none, day, week, month, source");
            }
            if (!byNode.isTextual()) {
                problems.add("by: must be a string");
            }
        }
        String method = Estimators.DEFAULT;
        JsonNode m = root.get("method");
        if (m != null && !m.isNull()) {
            if (!m.isTextual() || Estimators.standard().find(m.asText()).isEmpty()) {
                problems.add("method: must be one of " + String.join(", ", Estimators.standard().ids()));
            } else {
                method = m.asText();
            }
        }
        JsonNode items = root.get("items");
        List<Item> out = new ArrayList<>();
        if (items == null || !items.isArray() || items.isEmpty()) {
            problems.add("items: must be a non-empty array of {id?, title?, text, date?, source?} objects");
        } else if (items.size() > MAX_ITEMS) {
            throw new ApiException(422, "too_many_items", "items: at most " + MAX_ITEMS + " items per request, got "
                    + items.size());
        } else {
            for (int i = 0; i < items.size(); i++) {
                out.add(item(items.get(i), "items[" + i + "].", problems));
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new QuantifyRequest(out, by, method);
    }

    /** Tags the items with the model and estimates the shares (a model without held-out scores gets a 422). */
    QuantResult run(TopicTagger tagger) {
        Quantification q;
        try {
            q = new Quantification(tagger.topics(), References.of(tagger),
                    new Quantifier(Estimators.standard().get(method)));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "method_unavailable", e.getMessage());
        }
        List<TaggedItem> tagged = new ArrayList<>(items.size());
        for (Item i : items) {
            tagged.add(new TaggedItem(i.date(), i.source(), tagger.tag(i.title(), i.text())));
        }
        return q.run(tagged, by);
    }

    private static Item item(JsonNode node, String prefix, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(prefix.substring(0, prefix.length() - 1) + ": must be a JSON object");
            return null;
        }
        unknown(node, prefix, ITEM_FIELDS, problems);
        String title = string(node, prefix, "title", problems);
        String source = string(node, prefix, "source", problems);
        string(node, prefix, "id", problems);
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            problems.add(prefix + "text: must be a non-empty string");
        }
        String date = string(node, prefix, "date", problems);
        LocalDate day = null;
        if (date != null) {
            day = ItemDate.parse(date).orElse(null);
            ItemDate.problem(date).ifPresent(p -> problems.add(prefix + "date: " + p));
        }
        return new Item(title, text == null ? "" : text.asText(), day, source);
    }

    private static String string(JsonNode node, String prefix, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(prefix + field + ": must be a string");
            return null;
        }
        return v.asText();
    }

    private static void unknown(JsonNode node, String prefix, Set<String> allowed, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(prefix + name + ": unknown field (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static ApiException invalid(List<String> problems) {
        String message = problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                + " more problems)" : "");
        return new ApiException(422, "invalid_request", message,
                problems.size() > 1 ? problems.subList(0, Math.min(50, problems.size())) : List.of());
    }
}
