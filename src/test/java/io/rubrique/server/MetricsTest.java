package io.rubrique.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.server.ServedModel.ModelRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final String H = "rubrique_http_request_duration_seconds";

    @Test
    void observationsLandInCumulativeBucketsWithSumAndCount() {
        Metrics m = new Metrics(() -> new ModelRef("m", "s"));
        m.observe("/r", "GET", 200, 150_000);        // 150 µs
        m.observe("/r", "GET", 200, 1_000_000);      // exactly 1 ms: le is inclusive
        m.observe("/r", "POST", 422, 2_000_000_000L); // 2 s: only +Inf
        Map<String, Double> s = ServerRoutesTest.parseMetrics(m.render());
        assertEquals(0.0, s.get(H + "_bucket{route=\"/r\",le=\"0.0001\"}"));
        assertEquals(1.0, s.get(H + "_bucket{route=\"/r\",le=\"0.00025\"}"));
        assertEquals(2.0, s.get(H + "_bucket{route=\"/r\",le=\"0.001\"}"));
        assertEquals(2.0, s.get(H + "_bucket{route=\"/r\",le=\"1\"}"));
        assertEquals(3.0, s.get(H + "_bucket{route=\"/r\",le=\"+Inf\"}"));
        assertEquals(3.0, s.get(H + "_count{route=\"/r\"}"));
        assertEquals(2.00115, s.get(H + "_sum{route=\"/r\"}"), 1e-9);
        assertEquals(2.0, s.get("rubrique_http_requests_total{route=\"/r\",method=\"GET\",status=\"200\"}"));
        assertEquals(1.0, s.get("rubrique_http_requests_total{route=\"/r\",method=\"POST\",status=\"422\"}"));
    }

    @Test
    void labelValuesAreEscaped() {
        Metrics m = new Metrics(() -> new ModelRef("a \"quoted\"\\name\n", "s"));
        assertTrue(m.render().contains("rubrique_model_info{name=\"a \\\"quoted\\\"\\\\name\\n\",sha256=\"s\"} 1\n"));
    }
}
