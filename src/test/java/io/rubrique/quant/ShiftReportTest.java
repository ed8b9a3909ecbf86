package io.rubrique.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mix far from training is marked in every report of a run: the JSON, the HTML page and the PNG. */
class ShiftReportTest {
    private static QuantResult result(boolean shifted) {
        List<QuantResult.Group> groups = List.of(group("2026-10", 0.2, 0.25), group("2026-11", 0.8, 0.75));
        List<QuantResult.Shift> shifts = shifted ? List.of(new QuantResult.Shift("2026-11", "security", 0.8, 0.2))
                : List.of();
        return new QuantResult(groups, "ms", shifts, shifted ? List.of("group 2026-11: security is estimated at 80%")
                : List.of());
    }

    private static QuantResult.Group group(String key, double security, double digital) {
        Map<String, TopicShare> topics = new LinkedHashMap<>();
        topics.put("security", new TopicShare(security, List.of(security - 0.05, security + 0.05),
                Math.round(100 * security), Math.round(90 * security)));
        topics.put("digital", new TopicShare(digital, List.of(digital - 0.05, digital + 0.05),
                Math.round(100 * digital), Math.round(90 * digital)));
        return new QuantResult.Group(key, 100, topics);
    }

    @Test
    void theJsonListsEachShiftWithItsGroupTopicShareAndTrainingShare() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.prettyMapper().writeValueAsString(result(true)));
        assertEquals(1, json.get("shifts").size(), json.toString());
        JsonNode s = json.get("shifts").get(0);
        assertEquals("2026-11", s.get("group").asText());
        assertEquals("security", s.get("topic").asText());
        assertEquals(0.8, s.get("share").asDouble(), 1e-9);
        assertEquals(0.2, s.get("training").asDouble(), 1e-9);
        assertEquals(0, Json.mapper().readTree(Json.prettyMapper().writeValueAsString(result(false))).get("shifts")
                .size());
    }

    @Test
    void theHtmlPageRingsTheShiftedPointListsItAndFlagsItsRow() {
        String page = TimelineChart.html(result(true), "t");
        assertEquals(1, page.split("<circle class=\"shift\"", -1).length - 1, page);
        assertTrue(page.contains("<h2>Mix far from training</h2>"), page);
        assertTrue(page.contains("<tr><td>2026-11</td><td>security</td><td>80.0%</td><td>20.0%</td></tr>"), page);
        assertTrue(page.contains("<td>security</td><td>80.0%</td><td>75.0% – 85.0%</td><td>80</td><td>72</td>"
                + "<td>⚠ " + TimelineChart.SHIFT_LABEL + "</td>"), page);
        String calm = TimelineChart.html(result(false), "t");
        assertFalse(calm.contains("class=\"shift\""), calm);
        assertFalse(calm.contains("Mix far from training"), calm);
        assertFalse(calm.contains("⚠"), calm);
    }

    @Test
    void thePngMarksTheShiftedPoint() throws Exception {
        byte[] marked = TimelineChart.png(result(true), "t");
        byte[] calm = TimelineChart.png(result(false), "t");
        assertFalse(java.util.Arrays.equals(marked, calm), "the shift mark changed nothing in the PNG");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(marked));
        assertTrue(img.getWidth() > 0);
    }
}
