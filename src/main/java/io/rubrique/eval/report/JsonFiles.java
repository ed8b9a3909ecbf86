package io.rubrique.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.data.LabelledItem;
import io.rubrique.eval.Predictions;
import io.rubrique.eval.RunOutcome;
import io.rubrique.util.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable files of a run folder: {@code report.json}, {@code predictions.jsonl} (one line per item
 * and repeat: {@code repeat, fold, id, gold, predicted, scores, thresholds}, every repeat's out-of-fold
 * predictions) and, with a test set, {@code test_predictions.jsonl} (same fields, repeat and fold -1).
 */
public final class JsonFiles {
    public static final String REPORT = "report.json";
    public static final String PREDICTIONS = "predictions.jsonl";
    public static final String TEST_PREDICTIONS = "test_predictions.jsonl";

    private static final ObjectMapper MAPPER = Json.mapper();

    private JsonFiles() {
    }

    public static void write(RunOutcome outcome, Map<String, byte[]> charts, Path dir) throws IOException {
        Json.prettyMapper().writeValue(dir.resolve(REPORT).toFile(), outcome.report());
        writePredictions(dir.resolve(PREDICTIONS), outcome.items(), outcome.predictions());
        if (outcome.testPredictions() != null) {
            writePredictions(dir.resolve(TEST_PREDICTIONS), outcome.testItems(), List.of(outcome.testPredictions()));
        }
    }

    private static void writePredictions(Path file, List<LabelledItem> items, List<Predictions> repeats)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Predictions p : repeats) {
                boolean[][] predicted = p.predicted();
                for (int i = 0; i < items.size(); i++) {
                    w.write(MAPPER.writeValueAsString(line(items.get(i), p, predicted[i], i)));
                    w.write('\n');
                }
            }
        }
    }

    private static Map<String, Object> line(LabelledItem item, Predictions p, boolean[] predicted, int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repeat", p.repeat());
        m.put("fold", p.fold()[i]);
        m.put("id", item.id());
        m.put("gold", List.copyOf(item.topics()));
        List<String> pred = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        List<String> ids = p.topics().ids();
        for (int t = 0; t < ids.size(); t++) {
            if (predicted[t]) {
                pred.add(ids.get(t));
            }
            scores.put(ids.get(t), p.scores()[i][t]);
            thresholds.put(ids.get(t), p.thresholds()[i][t]);
        }
        m.put("predicted", pred);
        m.put("scores", scores);
        m.put("thresholds", thresholds);
        return m;
    }
}
