package io.rubrique.eval;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Small French-flavoured multi-label items for tests: each topic has its own words, with some noise. */
public final class SyntheticData {
    /** The four default topics. */
    public static final TopicSet TOPICS = TopicSet.defaults();
    private static final Map<String, List<String>> WORDS = Map.of(
            "digital", List.of("numérique", "données", "internet", "logiciel", "transformation", "plateforme"),
            "security", List.of("sécurité", "police", "défense", "cybersécurité", "frontière", "armée"),
            "party-congress", List.of("congrès", "parti", "comité", "délégués", "résolution", "central"),
            "bilateral-relations", List.of("coopération", "ambassadeur", "visite", "partenariat", "accord",
                    "homologue"));
    private static final List<String> FILLER = List.of("le", "la", "les", "vietnam", "hanoï", "province", "année",
            "développement", "ministre", "réunion", "national", "programme", "économie", "projet", "population");

    private SyntheticData() {
    }

    public static List<LabelledItem> items(int n, long seed) {
        Random random = new Random(seed);
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<String> topics = new LinkedHashSet<>();
            for (String t : TOPICS.ids()) {
                if (random.nextDouble() < 0.3) {
                    topics.add(t);
                }
            }
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 8; k++) {
                text.append(FILLER.get(random.nextInt(FILLER.size()))).append(' ');
            }
            for (String t : topics) {
                List<String> w = WORDS.get(t);
                text.append(w.get(random.nextInt(w.size()))).append(' ').append(w.get(random.nextInt(w.size())))
                        .append(' ');
            }
            if (random.nextDouble() < 0.25) {
                List<String> w = WORDS.get(TOPICS.ids().get(random.nextInt(TOPICS.size())));
                text.append(w.get(random.nextInt(w.size()))).append(' ');
            }
            String title = "Dépêche " + i + " " + FILLER.get(random.nextInt(FILLER.size()));
            items.add(new LabelledItem(String.format("it-%04d", i), ItemKind.ARTICLE, "test", title,
                    text.toString().trim(), topics));
        }
        return items;
    }

    public static LabelSet labelSet(int n, long seed) {
        return labelSet(items(n, seed), "sha-" + n + "-" + seed);
    }

    public static LabelSet labelSet(List<LabelledItem> items, String sha) {
        return new LabelSet(Path.of("synthetic", "synthetic.jsonl"), List.of(Path.of("synthetic", "synthetic.jsonl")), TOPICS,
                items, sha);
    }
}
