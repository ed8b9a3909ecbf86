package io.rubrique.eval.report;

import io.rubrique.eval.RunOutcome;
import io.rubrique.eval.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS, charts embedded as base64 {@code data:} PNGs, no
 * scripts, nothing fetched from the network), so it can be mailed or archived as a single file.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1150px;\
            color:#1d2330;padding:0 1rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde}
            p.headline{font-size:1.05rem;background:#f2f5fb;padding:.6rem .8rem;border-radius:4px}
            p.note{color:#556;font-size:.9rem;margin:.3rem 0}
            table{border-collapse:collapse;font-size:.88rem;margin:.5rem 0}
            th,td{border:1px solid #d6d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#eef1f6}tr:nth-child(even) td{background:#fafbfd}
            img{max-width:100%;border:1px solid #e3e6ec;margin:.5rem 0}
            .charts{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
            """;

    private HtmlReport() {
    }

    public static void write(RunOutcome outcome, Map<String, byte[]> charts, Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), render(outcome.report(), charts), StandardCharsets.UTF_8);
    }

    static String render(RunReport r, Map<String, byte[]> charts) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>rubrique run ").append(esc(r.runId())).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        sb.append("<h1>rubrique run ").append(esc(r.runId())).append("</h1>\n");
        sb.append("<p class=\"headline\">").append(esc(ReportTables.headline(r))).append("</p>\n");
        if (ReportTables.advice(r) != null) {
            sb.append("<p class=\"headline\"><b>Should I label more?</b> ").append(esc(ReportTables.advice(r)))
                    .append("</p>\n");
        }
        table(sb, ReportTables.headlineMetrics(r));
        table(sb, ReportTables.perTopic(r));
        if (ReportTables.agreement(r) != null) {
            table(sb, ReportTables.agreement(r));
        }
        sb.append("<div class=\"charts\">");
        img(sb, charts, Charts.F1, "Per-topic precision, recall and F1 with 95% CI");
        img(sb, charts, Charts.PR_CURVES, "Precision-recall curves");
        sb.append("</div>\n");
        table(sb, ReportTables.calibration(r));
        sb.append("<div class=\"charts\">");
        img(sb, charts, Charts.RELIABILITY, "Reliability diagram");
        sb.append("</div>\n");
        table(sb, ReportTables.confusion(r));
        sb.append("<div class=\"charts\">");
        img(sb, charts, Charts.CONFUSION, "Confusion counts");
        img(sb, charts, Charts.LEARNING_CURVE, "Learning curve");
        sb.append("</div>\n");
        if (!r.learningCurve().points().isEmpty()) {
            table(sb, ReportTables.learningCurve(r));
        }
        table(sb, ReportTables.thresholds(r));
        Table test = ReportTables.test(r);
        if (test != null) {
            table(sb, test);
        }
        table(sb, ReportTables.errors(r));
        table(sb, ReportTables.run(r));
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void img(StringBuilder sb, Map<String, byte[]> charts, String name, String alt) {
        byte[] png = charts.get(name);
        if (png != null) {
            sb.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">");
        }
    }

    private static void table(StringBuilder sb, Table t) {
        sb.append("<h2>").append(esc(t.title())).append("</h2>\n");
        if (!t.note().isEmpty()) {
            sb.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
        }
        sb.append("<table><thead><tr>");
        for (String h : t.headers()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String c : row) {
                sb.append("<td>").append(esc(c)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
