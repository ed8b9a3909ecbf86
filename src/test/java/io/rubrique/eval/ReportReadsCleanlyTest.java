package io.rubrique.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.eval.report.ReportTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report as a reader meets it: one row per item among the errors, readable timings, metrics explained. */
class ReportReadsCleanlyTest {
    @TempDir
    Path runs;

    @Test
    void theReportListsEachWrongItemOnceSaysTimesInUnitsAndExplainsBrierAndEce() throws Exception {
        // a model that learnt from a few items only is wrong on several topics of the same item
        RunResult r = EvalFixtures.run(runs, SyntheticData.labelSet(45, 4), 7, (set, seed) -> new KeywordTrainer()
                .train(set.withItems(set.items().subList(0, 3), "few"), seed), Instant.parse("2025-01-01T10:00:00Z"));
        assertTrue(r.report().errors().stream().map(RunReport.ErrorRow::id).distinct().count()
                < r.report().errors().size(), "the fixture has an item wrong on two topics");
        String md = Files.readString(r.runDir().resolve("report.md"));
        String errors = md.substring(md.indexOf("## Most confidently wrong"));
        errors = errors.substring(0, errors.indexOf("\n## ", 5) < 0 ? errors.length() : errors.indexOf("\n## ", 5));
        List<String> ids = new ArrayList<>();
        for (String line : errors.lines().toList()) {
            if (line.startsWith("| ") && !line.startsWith("| id ")) {
                ids.add(line.split("\\|")[1].strip());
            }
        }
        Set<String> distinct = new HashSet<>(ids);
        assertFalse(ids.isEmpty(), errors);
        assertEquals(distinct.size(), ids.size(), "each item once: " + ids);

        String timings = md.lines().filter(l -> l.startsWith("| timings |")).findFirst().orElseThrow();
        assertFalse(timings.contains("test"), "no test set, no test time: " + timings);
        assertFalse(md.lines().filter(l -> l.startsWith("| started")).findFirst().orElseThrow()
                .matches(".*\\.\\d{4,}Z.*"), "no nanoseconds");
        String headline = md.substring(md.indexOf("## Headline metrics"), md.indexOf("| metric |"));
        assertTrue(headline.contains("Brier score: mean squared gap") && headline.contains("ECE (expected "
                + "calibration error)"), headline);
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("180 ms", ReportTables.duration(180));
        assertEquals("4.2 s", ReportTables.duration(4_240));
        assertEquals("38 s", ReportTables.duration(38_200));
        assertEquals("4 min 20 s", ReportTables.duration(259_878));
        assertEquals("1 h 02 min", ReportTables.duration(3_725_000));
    }
}
