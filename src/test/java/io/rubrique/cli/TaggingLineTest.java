package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.model.Tagging;
import io.rubrique.util.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TaggingLine} writes exactly what the Jackson tree it replaced wrote. */
class TaggingLineTest {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final TopicSet TOPICS = TopicSet.ofIds("digital", "security", "party-congress",
            "bilateral-relations");

    /** The line as classify wrote it before: an ObjectNode turned into a string. */
    private static String jackson(String id, Tagging t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", id);
        o.set("topics", MAPPER.valueToTree(t.topics()));
        ObjectNode scores = o.putObject("scores");
        t.scores().forEach(scores::put);
        return o.toString();
    }

    private static Tagging tagging(List<String> topics, double... scores) {
        return new Tagging(topics, PerTopic.ofDoubles(TOPICS, scores));
    }

    @Test
    void everyUtf16CodeUnitInAnIdIsEscapedAsJacksonDoes() {
        Tagging t = tagging(List.of("security"), 0.1, 0.9, 0.2, 0.3);
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            String id = "a" + (char) c + "b";
            assertEquals(jackson(id, t), TaggingLine.of(id, t), () -> "code unit " + Integer.toHexString(id.charAt(1)));
            all.append((char) c);
        }
        String id = all.toString();
        assertEquals(jackson(id, t), TaggingLine.of(id, t));
        String pair = "x\uD83D\uDE00y\\\"\u0000\u001F\u007F\u2028";
        assertEquals(jackson(pair, t), TaggingLine.of(pair, t));
        assertEquals(jackson("", t), TaggingLine.of("", t));
    }

    @Test
    void scoresAreWrittenAsJacksonWritesDoubles() {
        double[] awkward = {0.0, -0.0, 1.0, 1e-7, 1e-300, Double.MIN_VALUE, Double.MIN_NORMAL, 0.1 + 0.2, 2e-3, 1e7,
            0.49878733933015595, 0.9965090074193227, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            9.999999999999999e22, 5e-324, 1.0E-5, 123456.789};
        for (double d : awkward) {
            Tagging t = tagging(List.of(), d, 1 - d, d / 3, d * 7);
            assertEquals(jackson("i", t), TaggingLine.of("i", t), () -> Double.toString(d));
        }
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double d = i % 2 == 0 ? r.nextDouble() : Double.longBitsToDouble(r.nextLong());
            Tagging t = tagging(i % 3 == 0 ? List.of("digital", "bilateral-relations") : List.of(), d, r.nextDouble(),
                    r.nextGaussian(), Math.scalb(r.nextDouble(), -r.nextInt(1000)));
            assertEquals(jackson("id-" + i, t), TaggingLine.of("id-" + i, t));
        }
    }
}
