package io.rubrique.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.Tagging;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group keys, group order, and the warnings of a run: shifted mixes, small groups, undated items. */
class GroupingTest {
    @Test
    void keysNameDaysIsoWeeksMonthsAndSourceHosts() {
        LocalDate d = LocalDate.parse("2027-01-01"); // ISO week 53 of 2026
        assertEquals("2027-01-01", GroupBy.DAY.key(d, null));
        assertEquals("2026-W53", GroupBy.WEEK.key(d, null));
        assertEquals("2027-01", GroupBy.MONTH.key(d, null));
        assertEquals(GroupBy.UNDATED, GroupBy.MONTH.key(null, "x"));
        assertEquals("lecourrier.vn", GroupBy.SOURCE.key(null, "https://www.lecourrier.vn/a/1.html"));
        assertEquals("VNA print", GroupBy.SOURCE.key(null, " VNA print "));
        assertEquals(GroupBy.NO_SOURCE, GroupBy.SOURCE.key(null, ""));
        assertEquals("all", GroupBy.NONE.key(d, "x"));
    }

    private static TopicSet oneTopic() {
        return TopicSet.ofIds("security");
    }

    private static Tagging tagging(TopicSet topics, double score) {
        return new Tagging(score >= 0.5 ? List.of("security") : List.of(), PerTopic.ofDoubles(topics,
                new double[] {score}));
    }

    @Test
    void groupsComeInTimeOrderWithUndatedLastAndWarnings() {
        TopicSet topics = oneTopic();
        double[] pos = new double[40];
        double[] neg = new double[160];
        java.util.Arrays.fill(pos, 0.9);
        java.util.Arrays.fill(neg, 0.1);
        TopicReference ref = new TopicReference(0.5, new ModelProvenance.HeldOut(1, pos, neg));
        Quantification q = new Quantification(topics, PerTopic.of(topics, t -> ref),
                new Quantifier(Estimators.standard().get("pacc")));
        List<TaggedItem> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // November: 80% security (training mix 20%): a shift; October: 20%
            items.add(new TaggedItem(LocalDate.parse("2026-11-0" + (1 + i % 9)), null,
                    tagging(topics, i % 5 == 0 ? 0.1 : 0.9)));
            items.add(new TaggedItem(LocalDate.parse("2026-10-1" + (i % 9)), null,
                    tagging(topics, i % 5 == 0 ? 0.9 : 0.1)));
        }
        items.add(new TaggedItem(null, null, tagging(topics, 0.1)));
        QuantResult r = q.run(items, GroupBy.MONTH);
        assertEquals(List.of("2026-10", "2026-11", GroupBy.UNDATED), r.groups().stream().map(QuantResult.Group::key)
                .toList());
        assertEquals(0.2, r.groups().get(0).topics().get("security").share(), 1e-9);
        assertEquals(0.8, r.groups().get(1).topics().get("security").share(), 1e-9);
        assertEquals("pacc", r.method());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("group 2026-11: security")), r.warnings()
                .toString());
        assertTrue(r.warnings().stream().noneMatch(w -> w.startsWith("group 2026-10: security")), r.warnings()
                .toString());
        assertEquals(new QuantResult.Shift("2026-11", "security", 0.8, 0.2), r.shifts().get(0));
        assertTrue(r.shifted("2026-11", "security"));
        assertTrue(!r.shifted("2026-10", "security"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("group undated has 1 item")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("1 item(s) have no date")));
    }
}
