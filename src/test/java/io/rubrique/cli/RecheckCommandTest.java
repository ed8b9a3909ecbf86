package io.rubrique.cli;

import static io.rubrique.cli.CliRun.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.data.LabelFiles;
import io.rubrique.data.LabelledItem;
import io.rubrique.eval.KeywordTrainer;
import io.rubrique.eval.SyntheticData;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rubrique recheck} end to end with the fast stand-in trainer. */
class RecheckCommandTest {
    @TempDir
    Path tmp;

    private Path labels(List<LabelledItem> items) throws IOException {
        return LabelFiles.write(tmp.resolve("l.jsonl"), items);
    }

    @Test
    void aLabelGivenATopicItsWordsNeverMentionIsAmongTheFirstTwentyLinesWritten() throws IOException {
        List<LabelledItem> items = new ArrayList<>(SyntheticData.items(80, 4));
        int victim = -1;
        String topic = null;
        for (int i = 0; i < items.size() && victim < 0; i++) {
            for (String t : SyntheticData.TOPICS.ids()) {
                if (!items.get(i).has(t)) {
                    victim = i;
                    topic = t;
                    break;
                }
            }
        }
        LabelledItem v = items.get(victim);
        Set<String> wrong = new LinkedHashSet<>(v.topics());
        wrong.add(topic);
        items.set(victim, new LabelledItem(v.id(), v.kind(), v.source(), v.title(), v.text(), wrong));
        Path out = tmp.resolve("recheck.jsonl");
        Outcome o = command(new RecheckCommand(c -> new KeywordTrainer()), "--labels", labels(items).toString(),
                "--folds", "4", "--repeats", "2", "--seed", "3", "--n", "20", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(20, lines.size());
        boolean found = false;
        double last = Double.NEGATIVE_INFINITY;
        for (String l : lines) {
            JsonNode j = Json.mapper().readTree(l);
            for (String f : List.of("id", "topic", "given", "score", "suspicion", "reason")) {
                assertTrue(j.has(f), f + " missing in " + l);
            }
            double confidence = j.get("given").asBoolean() ? j.get("score").asDouble() : 1 - j.get("score").asDouble();
            assertTrue(confidence >= last, "least confident in its label first: " + lines);
            last = confidence;
            found |= j.get("id").asText().equals(v.id()) && j.get("topic").asText().equals(topic)
                    && j.get("given").asBoolean();
        }
        assertTrue(found, v.id() + "/" + topic + " not in " + lines);
    }

    @Test
    void aNonPositiveCountIsAUsageError() throws IOException {
        Outcome o = command(new RecheckCommand(c -> new KeywordTrainer()), "--labels",
                labels(SyntheticData.items(20, 1)).toString(), "--n", "0");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--n must be at least 1"), o.err());
    }
}
