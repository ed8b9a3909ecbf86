package io.rubrique.eval.report;

import io.rubrique.eval.RunOutcome;
import io.rubrique.eval.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code report.md}: the report's tables in Markdown, with the PNG charts linked from {@code charts/}. */
public final class MarkdownReport {
    public static final String FILE = "report.md";

    private MarkdownReport() {
    }

    public static void write(RunOutcome outcome, Map<String, byte[]> charts, Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), render(outcome.report(), charts.keySet()), StandardCharsets.UTF_8);
    }

    static String render(RunReport r, java.util.Set<String> charts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Run ").append(r.runId()).append("\n\n");
        sb.append(ReportTables.headline(r)).append("\n\n");
        if (ReportTables.advice(r) != null) {
            sb.append("**Should I label more?** ").append(ReportTables.advice(r)).append("\n\n");
        }
        table(sb, ReportTables.run(r));
        table(sb, ReportTables.headlineMetrics(r));
        table(sb, ReportTables.perTopic(r));
        if (ReportTables.agreement(r) != null) {
            table(sb, ReportTables.agreement(r));
        }
        chart(sb, charts, Charts.F1, "Per-topic precision, recall and F1");
        table(sb, ReportTables.confusion(r));
        chart(sb, charts, Charts.CONFUSION, "Confusion counts");
        chart(sb, charts, Charts.PR_CURVES, "Precision-recall curves");
        table(sb, ReportTables.calibration(r));
        chart(sb, charts, Charts.RELIABILITY, "Reliability diagram");
        table(sb, ReportTables.thresholds(r));
        if (!r.learningCurve().points().isEmpty()) {
            table(sb, ReportTables.learningCurve(r));
            chart(sb, charts, Charts.LEARNING_CURVE, "Learning curve");
        }
        Table test = ReportTables.test(r);
        if (test != null) {
            table(sb, test);
        }
        table(sb, ReportTables.errors(r));
        return sb.toString();
    }

    private static void chart(StringBuilder sb, java.util.Set<String> charts, String name, String alt) {
        if (charts.contains(name)) {
            sb.append("![").append(alt).append("](").append(Charts.DIR).append('/').append(name).append(")\n\n");
        }
    }

    private static void table(StringBuilder sb, Table t) {
        sb.append("## ").append(t.title()).append("\n\n");
        if (!t.note().isEmpty()) {
            sb.append(t.note()).append("\n\n");
        }
        row(sb, t.headers());
        sb.append("|").append("---|".repeat(t.headers().size())).append('\n');
        for (List<String> r : t.rows()) {
            row(sb, r);
        }
        sb.append('\n');
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        sb.append('\n');
    }
}
