package io.rubrique.label;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.SecondOpinions;
import io.rubrique.data.TopicSet;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a recheck and an adjudication change a label record: the new topics replace the old, and the provenance keeps
 * what was there, who changed it, when, and what it was before, so that a file alone tells the label's history.
 */
final class RecordChanges {
    private RecordChanges() {
    }

    /**
     * A rechecked label: {@code topics} become {@code chosen}; provenance gains {@code rechecked_by},
     * {@code rechecked_at}, {@code previous_topics}, {@code recheck} ({@code "kept"} when the topics did not change,
     * else {@code "changed"}) and {@code recheck_reason} (why recheck flagged it).
     */
    static UnaryOperator<ObjectNode> recheck(TopicSet topics, Collection<String> chosen, String by, Instant at,
            String reason) {
        return rec -> {
            Set<String> before = topicsOf(rec);
            Set<String> after = topics.ordered(chosen);
            ObjectNode p = provenance(rec);
            p.put("rechecked_by", by);
            p.put("rechecked_at", at.toString());
            p.set("previous_topics", rec.arrayNode().addAll(before.stream().map(rec::textNode).toList()));
            p.put("recheck", before.equals(after) ? "kept" : "changed");
            p.put("recheck_reason", reason);
            rec.set("topics", rec.arrayNode().addAll(after.stream().map(rec::textNode).toList()));
            return rec;
        };
    }

    /**
     * An adjudicated label: {@code topics} become {@code chosen}; provenance gains {@code adjudicated_by},
     * {@code adjudicated_at} and {@code opinions}, both opinions as they were ({@code [{"by", "topics", "at"}, …]},
     * the first labeller's first), which agreement figures keep using.
     */
    static UnaryOperator<ObjectNode> adjudicate(TopicSet topics, SecondOpinions.Pair pair, Collection<String> chosen,
            String by, Instant at) {
        return rec -> {
            ObjectNode p = provenance(rec);
            p.put("adjudicated_by", by);
            p.put("adjudicated_at", at.toString());
            ArrayNode opinions = p.putArray("opinions");
            for (SecondOpinions.Opinion o : java.util.List.of(pair.first(), pair.second())) {
                ObjectNode n = opinions.addObject();
                n.put("by", o.by());
                n.set("topics", rec.arrayNode().addAll(o.topics().stream().map(rec::textNode).toList()));
                n.put("at", o.at());
            }
            rec.set("topics", rec.arrayNode().addAll(topics.ordered(chosen).stream().map(rec::textNode).toList()));
            return rec;
        };
    }

    /** The record's provenance object, created when the record has none. */
    private static ObjectNode provenance(ObjectNode rec) {
        return rec.path("provenance").isObject() ? (ObjectNode) rec.get("provenance") : rec.putObject("provenance");
    }

    private static Set<String> topicsOf(ObjectNode rec) {
        Set<String> s = new LinkedHashSet<>();
        rec.path("topics").forEach(t -> s.add(t.asText()));
        return s;
    }

    /** True when the record was rechecked already (its provenance has {@code rechecked_at}). */
    static boolean rechecked(ObjectNode rec) {
        return rec.path("provenance").path("rechecked_at").isTextual();
    }
}
