package io.rubrique.label;

import io.rubrique.data.Candidate;
import io.rubrique.data.ItemKind;
import io.rubrique.data.SeedLabels;
import io.rubrique.data.TopicSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small label set on disk (the fixture's topics, three labelled items) and made-up pool items. */
final class LabelFixtures {
    private LabelFixtures() {
    }

    /** {@code dir/labels/} with topics.json and snippets.jsonl holding three labelled items; returns the dir. */
    static Path labelSet(Path dir) throws IOException {
        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.copy(SeedLabels.TOPICS, labels.resolve("topics.json"));
        Files.writeString(labels.resolve("snippets.jsonl"), """
                {"id":"l1","kind":"teaser","title":"Cybersécurité","text":"La police renforce la cybersécurité.","topics":["security"]}
                {"id":"l2","kind":"teaser","title":"Numérique","text":"La transformation numérique avance.","topics":["digital"]}
                {"id":"l3","kind":"teaser","title":"Congrès","text":"Le congrès du Parti se prépare.","topics":["party-congress"]}
                """);
        return labels;
    }

    static TopicSet topics() throws IOException {
        return TopicSet.read(SeedLabels.TOPICS);
    }

    /** {@link #pool} written as an inbox file {@code dir/pool.jsonl}; returns the file. */
    static Path poolFile(Path dir, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Candidate c : pool(n)) {
            sb.append(io.rubrique.util.Json.mapper().writeValueAsString(java.util.Map.of("id", c.id(), "kind", "teaser",
                    "source", c.source(), "title", c.title(), "text", c.text()))).append('\n');
        }
        return Files.writeString(dir.resolve("pool.jsonl"), sb.toString());
    }

    /** {@code n} distinct made-up teasers. */
    static List<Candidate> pool(int n) {
        String[] subjects = {"la coopération numérique avec le Japon", "un exercice de la marine", "le 14e Congrès",
            "un festival de musique", "la visite du président de l'Inde", "les données de santé", "la pêche côtière",
            "la police de Hanoï", "un forum sur l'intelligence artificielle", "la récolte du riz"};
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = subjects[i % subjects.length];
            out.add(new Candidate("p" + i, ItemKind.TEASER, "test-page", "Dépêche " + i + " : " + s,
                    "Hanoï (VNA) – Article " + i + " sur " + s + ", avec des détails propres au numéro " + i + "."));
        }
        return out;
    }
}
