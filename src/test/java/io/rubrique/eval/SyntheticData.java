package io.rubrique.eval;

import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Small French-flavoured multi-label items for tests: each topic has its own words, with some noise. */
public final class SyntheticData {
    private static final Map<Topic, List<String>> WORDS = Map.of(
            Topic.DIGITAL, List.of("numérique", "données", "internet", "logiciel", "transformation", "plateforme"),
            Topic.SECURITY, List.of("sécurité", "police", "défense", "cybersécurité", "frontière", "armée"),
            Topic.PARTY_CONGRESS, List.of("congrès", "parti", "comité", "délégués", "résolution", "central"),
            Topic.BILATERAL_RELATIONS, List.of("coopération", "ambassadeur", "visite", "partenariat", "accord",
                    "homologue"));
    private static final List<String> FILLER = List.of("le", "la", "les", "vietnam", "hanoï", "province", "année",
            "développement", "ministre", "réunion", "national", "programme", "économie", "projet", "population");

    private SyntheticData() {
    }

    public static List<LabelledItem> items(int n, long seed) {
        Random random = new Random(seed);
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<Topic> topics = EnumSet.noneOf(Topic.class);
            for (Topic t : Topic.all()) {
                if (random.nextDouble() < 0.3) {
                    topics.add(t);
                }
            }
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 8; k++) {
                text.append(FILLER.get(random.nextInt(FILLER.size()))).append(' ');
            }
            for (Topic t : topics) {
                List<String> w = WORDS.get(t);
                text.append(w.get(random.nextInt(w.size()))).append(' ').append(w.get(random.nextInt(w.size())))
                        .append(' ');
            }
            if (random.nextDouble() < 0.25) {
                List<String> w = WORDS.get(Topic.all().get(random.nextInt(Topic.all().size())));
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
        return new LabelSet(Path.of("labels/synthetic.jsonl"), List.of(Path.of("labels/synthetic.jsonl")), items,
                sha);
    }
}
