package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelStatsTest {
    private static LabelledItem item(ItemKind kind, String... topics) {
        return new LabelledItem("id", kind, "", "", "text", Set.of(topics));
    }

    private static final LabelStats STATS = LabelStats.of(TopicSet.defaults(), List.of(
            item(ItemKind.ARTICLE, "digital", "bilateral-relations"),
            item(ItemKind.TEASER, "digital"),
            item(ItemKind.TEASER)));

    @Test
    void countsPerTopicAndKindAndTheMean() {
        assertEquals(2, STATS.count("digital", null));
        assertEquals(1, STATS.count("digital", ItemKind.TEASER));
        assertEquals(1, STATS.count(null, ItemKind.TEASER));
        assertEquals(0, STATS.count(null, ItemKind.ARTICLE));
        assertEquals(2, STATS.items(ItemKind.TEASER));
        assertEquals(1.0, STATS.meanTopicsPerItem(), 1e-9);
    }

    @Test
    void markdownTableHasTopicsNoneAndItemsRows() {
        assertEquals("""
                | topic | article | teaser | all |
                | --- | ---: | ---: | ---: |
                | digital | 1 | 1 | 2 |
                | security | 0 | 0 | 0 |
                | party-congress | 0 | 0 | 0 |
                | bilateral-relations | 1 | 0 | 1 |
                | (none) | 0 | 1 | 1 |
                | items | 1 | 2 | 3 |

                Mean topics per item: 1.00.
                """, STATS.markdown());
    }

    @Test
    void guidelinesBlockIsReplacedAndThenCurrent(@TempDir Path tmp) throws IOException {
        Path g = tmp.resolve("GUIDELINES.md");
        Files.writeString(g, "# Guide\n\n" + GuidelinesCounts.START + "\nold table\n" + GuidelinesCounts.END
                + "\n\nMore text.\n");
        assertFalse(GuidelinesCounts.isCurrent(g, STATS));
        assertTrue(GuidelinesCounts.update(g, STATS));
        String text = Files.readString(g);
        assertTrue(text.startsWith("# Guide\n\n" + GuidelinesCounts.START + "\n| topic |"), text);
        assertTrue(text.endsWith("Mean topics per item: 1.00.\n" + GuidelinesCounts.END + "\n\nMore text.\n"), text);
        assertTrue(GuidelinesCounts.isCurrent(g, STATS));
        assertFalse(GuidelinesCounts.update(g, STATS));
    }

    @Test
    void guidelinesWithoutMarkersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GuidelinesCounts.render("# Guide\n", STATS));
    }
}
