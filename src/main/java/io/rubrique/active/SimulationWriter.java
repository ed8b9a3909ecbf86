package io.rubrique.active;

import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Writes a simulate run folder atomically, like {@code train} and {@code evaluate} do: {@code report.json},
 * {@code report.md}, a self-contained {@code report.html}, and the learning-curve chart.
 */
public final class SimulationWriter {
    public static final String CHART = "simulation.png";

    private SimulationWriter() {
    }

    public static Path write(SimulationReport r, Path runsDir) throws IOException {
        Path dir = runsDir.resolve(r.runId());
        byte[] png = chart(r);
        AtomicFiles.writeDirectory(dir, tmp -> {
            Json.prettyMapper().writeValue(tmp.resolve("report.json").toFile(), r);
            Files.createDirectories(tmp.resolve("charts"));
            Files.write(tmp.resolve("charts").resolve(CHART), png);
            Files.writeString(tmp.resolve("report.md"), markdown(r), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("report.html"), html(r, png), StandardCharsets.UTF_8);
        });
        return dir;
    }

    static byte[] chart(SimulationReport r) throws IOException {
        XYChart c = new XYChartBuilder().width(800).height(450)
                .title("Active learning: macro-F1 on held-back items against labels queried")
                .xAxisTitle("labels queried").yAxisTitle("macro-F1 (mean over repeats)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (Map.Entry<String, SimulationReport.StrategyCurve> e : r.strategies().entrySet()) {
            List<SimulationReport.Point> pts = e.getValue().points();
            XYSeries s = c.addSeries(e.getKey(), pts.stream().mapToDouble(SimulationReport.Point::queried).toArray(),
                    pts.stream().mapToDouble(p -> p.macroF1().mean()).toArray());
            s.setLineWidth(Strategies.BASELINE.equals(e.getKey()) ? 1.5f : 2.5f);
        }
        return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Rows: rounds; columns: each strategy's macro-F1 [interval] and its gain over random. */
    static List<List<String>> table(SimulationReport r) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("queried"));
        r.strategies().keySet().forEach(s -> {
            header.add(s);
            if (!Strategies.BASELINE.equals(s)) {
                header.add(s + " − random");
            }
        });
        rows.add(header);
        int n = r.strategies().values().stream().mapToInt(c -> c.points().size()).max().orElse(0);
        for (int k = 0; k < n; k++) {
            List<String> row = new ArrayList<>();
            int kk = k;
            row.add(r.strategies().values().stream().filter(c -> c.points().size() > kk).findFirst()
                    .map(c -> String.valueOf(c.points().get(kk).queried())).orElse(""));
            r.strategies().forEach((s, c) -> {
                if (kk >= c.points().size()) {
                    row.add("");
                    if (!Strategies.BASELINE.equals(s)) {
                        row.add("");
                    }
                    return;
                }
                SimulationReport.Point p = c.points().get(kk);
                row.add(fig(p.macroF1(), "%.3f"));
                if (!Strategies.BASELINE.equals(s)) {
                    row.add(p.gainOverRandom() == null ? "" : fig(p.gainOverRandom(), "%+.3f"));
                }
            });
            rows.add(row);
        }
        return rows;
    }

    private static String fig(SimulationReport.Figure f, String format) {
        return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", f.mean(), f.ci95().get(0),
                f.ci95().get(1));
    }

    static String markdown(SimulationReport r) {
        StringBuilder sb = new StringBuilder("# Simulation " + r.runId() + "\n\n");
        sb.append(r.summary()).append("\n\n");
        SimulationReport.Settings s = r.settings();
        sb.append(String.format(Locale.ROOT, "Config %s; %d repeats, batches of %d, budget %d; start %d labelled "
                + "items, %d to query, test: %s (%d items). Intervals: %s.%n%n", r.config().name(), s.repeats(),
                s.batch(), s.budget(), s.startItems(), s.poolSize(), s.test(), s.testSize(), s.intervals()));
        List<List<String>> t = table(r);
        sb.append("| ").append(String.join(" | ", t.get(0))).append(" |\n|");
        sb.append("---|".repeat(t.get(0).size())).append('\n');
        for (List<String> row : t.subList(1, t.size())) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        sb.append("\n![learning curves](charts/").append(CHART).append(")\n\n");
        r.data().forEach((k, d) -> sb.append("- ").append(k).append(": ").append(d.path()).append(", ")
                .append(d.items()).append(" items, sha256 ").append(d.sha256()).append('\n'));
        sb.append("- code revision ").append(r.codeRevision()).append(", versions ").append(r.versions()).append('\n');
        return sb.toString();
    }

    static String html(SimulationReport r, byte[] png) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>rubrique simulation " + esc(r.runId()) + "</title><style>body{font-family:system-ui,sans-serif;"
                + "max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2330}table{border-collapse:collapse;"
                + "font-size:.9rem}td,th{border:1px solid #d6d9e0;padding:.25rem .5rem}th{background:#eef1f6}"
                + "p.s{background:#f2f5fb;padding:.6rem .8rem}</style></head><body>");
        sb.append("<h1>Simulation ").append(esc(r.runId())).append("</h1><p class=\"s\">").append(esc(r.summary()))
                .append("</p><img alt=\"learning curves\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><table>");
        List<List<String>> t = table(r);
        for (int i = 0; i < t.size(); i++) {
            sb.append("<tr>");
            for (String c : t.get(i)) {
                sb.append(i == 0 ? "<th>" : "<td>").append(esc(c)).append(i == 0 ? "</th>" : "</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table><p>").append(esc(r.settings().intervals())).append("</p></body></html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
