package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.CoreFixtures;
import io.rubrique.quant.QuantFixtures;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rubrique quantify}: groups, the JSON shape, dates checked like other fields, the charts. */
class QuantifyCommandTest {
    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path model;
    private static LabelSet data;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = QuantFixtures.labels();
        model = shared.resolve("model");
        QuantFixtures.trainAndSave(data, model);
    }

    /** The labelled items as input lines, dated in October or November, every fifth without a date. */
    private Path dated() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < data.items().size(); i++) {
            LabelledItem it = data.items().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", it.id());
            m.put("title", it.title());
            m.put("text", it.text());
            if (i % 5 != 4) {
                m.put("date", i % 2 == 0 ? "2026-10-0" + (1 + i % 9) : "2026-11-03T08:30:00+07:00");
            }
            m.put("source", i % 3 == 0 ? "https://lecourrier.vn/x/" + i : "https://fr.vietnamplus.vn/y/" + i);
            lines.add(JSON.writeValueAsString(m));
        }
        return Files.write(tmp.resolve("in.jsonl"), lines);
    }

    @Test
    void monthlySharesCarryAnIntervalTheEstimatedCountAndTheRawTags() throws IOException {
        Path out = tmp.resolve("q.json");
        Outcome o = rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--by", "month",
                "--out", out.toString(), "--threads", "1");
        assertEquals(0, o.code(), o.err());
        JsonNode r = JSON.readTree(out.toFile());
        assertEquals("ms", r.get("method").asText());
        List<String> keys = new ArrayList<>();
        int total = 0;
        for (JsonNode g : r.get("groups")) {
            keys.add(g.get("key").asText());
            total += g.get("items").asInt();
            assertEquals(List.of("digital", "security", "party-congress", "bilateral-relations"),
                    iterate(g.get("topics").fieldNames()));
            for (JsonNode s : g.get("topics")) {
                double share = s.get("share").asDouble();
                assertTrue(s.get("ci95").get(0).asDouble() >= 0 && s.get("ci95").get(1).asDouble() <= 1, s.toString());
                assertTrue(s.get("ci95").get(0).asDouble() <= s.get("ci95").get(1).asDouble(), s.toString());
                assertEquals(Math.round(share * g.get("items").asInt()), s.get("count").asLong());
                assertTrue(s.get("tagged").asInt() >= 0 && s.get("tagged").asInt() <= g.get("items").asInt());
            }
        }
        assertEquals(List.of("2026-10", "2026-11", "undated"), keys);
        assertEquals(data.items().size(), total);
        assertTrue(iterate(r.get("warnings").elements()).stream().map(JsonNode::asText)
                .anyMatch(w -> w.contains("have no date")), r.get("warnings").toString());
        assertTrue(o.err().contains("quantified " + data.items().size() + " item(s) in 3 group(s)"), o.err());
    }

    @Test
    void bySourceGroupsByHostAndEveryMethodAnswers() throws IOException {
        Path in = dated();
        for (String method : List.of("cc", "acc", "pcc", "pacc", "em", "hdy", "ms")) {
            Outcome o = rubrique("quantify", "--model", model.toString(), "--in", in.toString(), "--by", "source",
                    "--method", method, "--replicates", "50");
            assertEquals(0, o.code(), method + ": " + o.err());
            JsonNode r = JSON.readTree(o.out());
            assertEquals(method, r.get("method").asText());
            assertEquals(List.of("fr.vietnamplus.vn", "lecourrier.vn"), iterate(r.get("groups").elements()).stream()
                    .map(g -> g.get("key").asText()).toList());
        }
    }

    @Test
    void aBadDateIsReportedWithItsLineAndFieldAndStrictStops() throws IOException {
        Path in = tmp.resolve("bad.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"Le Vietnam et la France\",\"date\":\"2026-11-05\"}\n"
                + "{\"id\":\"b\",\"text\":\"La cybersécurité\",\"date\":\"05/11/2026\"}\n");
        Outcome o = rubrique("quantify", "--model", model.toString(), "--in", in.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains(in + ":2: date: not an ISO 8601 date"), o.err());
        assertTrue(o.out().contains("1 bad input line(s) skipped"), o.out());
        Path out = tmp.resolve("never.json");
        Outcome strict = rubrique("quantify", "--model", model.toString(), "--in", in.toString(), "--strict",
                "--out", out.toString());
        assertEquals(1, strict.code());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownMethodIsAUsageErrorNamingTheKnownOnes() throws IOException {
        Outcome o = rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--method", "x");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("unknown quantification method 'x'") && o.err().contains("hdy"), o.err());
    }

    @Test
    void aModelWithoutHeldOutScoresRefusesCorrectingMethodsButCounts() throws IOException {
        Path plain = tmp.resolve("plain");
        CoreFixtures.trainAndSave(CoreFixtures.fixed("liblinear", ""), data, 1, plain);
        Outcome o = rubrique("quantify", "--model", plain.toString(), "--in", dated().toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("needs held-out scores"), o.err());
        assertEquals(0, rubrique("quantify", "--model", plain.toString(), "--in", dated().toString(), "--method",
                "cc").code());
    }

    @Test
    void chartsAreAPngAndASelfContainedHtmlPage() throws IOException {
        Path png = tmp.resolve("t.png");
        Path html = tmp.resolve("t.html");
        assertEquals(0, rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--by", "month",
                "--chart", png.toString()).code());
        assertEquals(0, rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--by", "month",
                "--chart", html.toString()).code());
        byte[] b = Files.readAllBytes(png);
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("2026-11") && page.contains("security"));
        assertFalse(page.contains("<script") || page.contains("src=\"http"), "self-contained");
    }

    @Test
    void ratesFromALabelledSampleReplaceTheTrainingRatesAndTheAnswerSaysSo() throws IOException {
        Path sample = io.rubrique.data.LabelFiles.write(tmp.resolve("sample.jsonl"), data.items());
        Path withTraining = tmp.resolve("a.json");
        Path withSample = tmp.resolve("b.json");
        assertEquals(0, rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--out",
                withTraining.toString()).code());
        Outcome o = rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--rates-from",
                sample.toString(), "--out", withSample.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode a = JSON.readTree(withTraining.toFile());
        JsonNode b = JSON.readTree(withSample.toFile());
        assertEquals("training", a.at("/rates/from").asText());
        assertEquals("sample", b.at("/rates/from").asText());
        assertEquals(data.items().size(), b.at("/rates/items").asInt());
        assertEquals(64, b.at("/rates/sha256").asText().length());
        // the model's own (in-sample) scores on the sample are not its inner cross-validation's held-out scores
        assertFalse(a.get("groups").equals(b.get("groups")), "the sample's rates changed the estimates");
    }

    @Test
    void aRatesSampleWithoutAnyItemOfATopicIsRefusedNamingTheTopic() throws IOException {
        List<LabelledItem> noSecurity = data.items().stream().filter(i -> !i.has("security")).toList();
        Path sample = io.rubrique.data.LabelFiles.write(tmp.resolve("sample.jsonl"), noSecurity);
        Outcome o = rubrique("quantify", "--model", model.toString(), "--in", dated().toString(), "--rates-from",
                sample.toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("no item with topic security"), o.err());
    }

    private static <T> List<T> iterate(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
