package io.rubrique.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.rubrique.eval.FoldPlan;
import io.rubrique.eval.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records holding arrays compare them by content, at any depth. */
class ValueRecordsTest {
    @Test
    void recordsWithEqualArrayContentsAreEqualAndHashAlike() {
        FoldPlan a = new FoldPlan(2, 2, 7, new int[][] {{0, 1, 0}, {1, 0, 1}});
        FoldPlan b = new FoldPlan(2, 2, 7, new int[][] {{0, 1, 0}, {1, 0, 1}});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new FoldPlan(2, 2, 7, new int[][] {{0, 1, 0}, {1, 1, 1}}));
        assertNotEquals(a, new FoldPlan(2, 2, 8, new int[][] {{0, 1, 0}, {1, 0, 1}}));
        assertNotEquals(a, null);
    }

    @Test
    void aReportProtocolReadBackEqualsTheOneWritten() throws Exception {
        RunReport.Protocol p = new RunReport.Protocol(2, 1, 3, "iterative", "oof", 1, List.of("a", "b"),
                new int[][] {{0, 1}});
        String json = Json.mapper().writeValueAsString(p);
        assertEquals(p, Json.mapper().readValue(json, RunReport.Protocol.class));
    }
}
