package io.rubrique.label;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.LabelProblem;
import io.rubrique.trust.Recheck;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@code rubrique recheck} ({@code {"id", "topic", "given", "score", "suspicion", "reason"}} per
 * line, most suspect first) read back for the page's Recheck queue; a bad line fails the read naming
 * {@code file:line: field}.
 */
final class RecheckFile {
    private RecheckFile() {
    }

    static List<Recheck.Suspect> read(Path file) throws IOException {
        List<Recheck.Suspect> out = new ArrayList<>();
        List<LabelProblem> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int line = i + 1;
            JsonNode n;
            try {
                n = Json.mapper().readTree(lines.get(i));
            } catch (IOException e) {
                problems.add(new LabelProblem(file, line, "json", "invalid JSON"));
                continue;
            }
            int before = problems.size();
            for (String f : List.of("id", "topic", "reason")) {
                if (!n.path(f).isTextual() || n.path(f).asText().isBlank()) {
                    problems.add(new LabelProblem(file, line, f, "missing or not a non-empty string"));
                }
            }
            if (!n.path("given").isBoolean()) {
                problems.add(new LabelProblem(file, line, "given", "missing or not true/false"));
            }
            if (!n.path("score").isNumber()) {
                problems.add(new LabelProblem(file, line, "score", "missing or not a number"));
            }
            if (problems.size() == before) {
                out.add(new Recheck.Suspect(n.get("id").asText(), n.get("topic").asText(), n.get("given").asBoolean(),
                        n.get("score").asDouble(), n.path("suspicion").asDouble(Double.NaN), n.get("reason").asText()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(problems.size() + " problem(s) in the recheck file " + file + " (write it with "
                    + "rubrique recheck --out):\n" + String.join("\n", problems.stream().limit(20)
                            .map(LabelProblem::toString).toList()));
        }
        return out;
    }
}
