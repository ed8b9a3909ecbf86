package io.rubrique.active;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.util.Json;
import java.util.List;

/** The JSON line of one suggestion, as {@code suggest --out} writes it and the labelling page receives it. */
public final class Suggestions {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Suggestions() {
    }

    public static ObjectNode toJson(Pick p, String strategy) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", p.item().id());
        o.put("rank", p.rank());
        o.put("strategy", strategy);
        o.put("value", Math.round(p.value() * 1e6) / 1e6);
        o.put("title", p.item().title());
        ObjectNode r = o.putObject("reason");
        Reason why = p.reason();
        r.put("kind", why.kind());
        if (why.topic() != null) {
            r.put("topic", why.topic());
        }
        if (why.score() != null) {
            r.put("score", Math.round(why.score() * 1e4) / 1e4);
        }
        if (why.threshold() != null) {
            r.put("threshold", Math.round(why.threshold() * 1e4) / 1e4);
        }
        r.put("why", why.why());
        return o;
    }

    /** The strategy actually used: a model-based one falls back to the cold start without a model. */
    public static String effective(Strategy s, Selection sel) {
        if (sel.model().isEmpty() && s.needsModel()) {
            return Strategies.COLD_START;
        }
        return s.id();
    }

    public static List<String> lines(List<Pick> picks, String strategy) {
        return picks.stream().map(p -> toJson(p, strategy).toString()).toList();
    }
}
