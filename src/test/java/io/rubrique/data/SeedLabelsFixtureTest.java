package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The frozen seed labels other tests rely on: valid, exactly the seed pages' items, every topic represented. */
class SeedLabelsFixtureTest {
    @Test
    void fixtureValidatesCleanlyWith49Items() throws IOException {
        LabelValidator.Result r = new LabelValidator(TopicSet.forLabels(SeedLabels.SNIPPETS), false)
                .validate(List.of(SeedLabels.SNIPPETS));
        assertTrue(r.problems().isEmpty(), () -> r.problems().toString());
        assertEquals(49, r.labelled().size());
    }

    @Test
    void everySeedItemIsInTheFixtureWithTheTextIngestProduces() throws IOException {
        PageParser parser = new PageParser();
        CandidatePool pool = CandidatePool.knowing(List.of());
        for (Path page : Seeds.all()) {
            pool.addAll(parser.read(page));
        }
        List<Candidate> seeds = pool.outcome().fresh();
        Map<String, LabelledItem> labelled = SeedLabels.read().items().stream()
                .collect(Collectors.toMap(LabelledItem::id, Function.identity()));
        List<String> missing = new ArrayList<>();
        for (Candidate c : seeds) {
            LabelledItem item = labelled.get(c.id());
            if (item == null) {
                missing.add(c.id() + " " + c.title());
            } else {
                assertEquals(c.text(), item.text(), c.id());
                assertEquals(c.title(), item.title(), c.id());
            }
        }
        assertTrue(missing.isEmpty(), () -> "seed items without a label record: " + missing);
        Set<String> extra = new TreeSet<>(labelled.keySet());
        seeds.forEach(c -> extra.remove(c.id()));
        assertTrue(extra.isEmpty(), () -> "label records no seed page produces: " + extra);
    }

    @Test
    void everyTopicAndTheEmptySetAreRepresented() throws IOException {
        LabelSet set = SeedLabels.read();
        set.countsPerTopic().forEach((topic, n) -> assertTrue(n >= 5, topic + " has only " + n + " items"));
        assertTrue(set.items().stream().anyMatch(i -> i.topics().isEmpty()), "no item without topics");
    }
}
