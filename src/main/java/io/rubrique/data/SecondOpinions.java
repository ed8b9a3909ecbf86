package io.rubrique.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second opinions: a second labeller's topics for items of the label set ({@code label --overlap}), kept in
 * {@value #FILE} beside the label files so that the label set, {@code validate} and {@code train} still see exactly
 * one label per item (the first, or the adjudicated one that replaced it). A second-opinion record has the fields of
 * a label record (same checks, ids unique in the file) and must name an item the set labels.
 */
public final class SecondOpinions {
    /** The file of second opinions in a label directory; {@link LabelReader#labelFiles} never reads it as labels. */
    public static final String FILE = "second-opinions.jsonl";
    private static final ObjectMapper MAPPER = Json.mapper();

    private SecondOpinions() {
    }

    /** One labeller's topics for an item, who gave them and when (ISO instant; empty when not recorded). */
    public record Opinion(String by, Set<String> topics, String at) {
        public Opinion {
            by = by == null || by.isBlank() ? "unknown" : by;
            topics = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(topics));
            at = at == null ? "" : at;
        }
    }

    /**
     * Both opinions of an item and whether they were adjudicated: {@code first} is the label-set record's topics,
     * or, once adjudicated, the first opinion its provenance keeps ({@code provenance.opinions[0]}); {@code label}
     * is what the set holds now.
     */
    public record Pair(LabelledItem item, Opinion first, Opinion second, Set<String> label, boolean adjudicated) {
        /** True when the two opinions give different topics. */
        public boolean disagree() {
            return !first.topics().equals(second.topics());
        }
    }

    /** The second-opinion file of a label set: {@code DIR/second-opinions.jsonl}, or beside a label file. */
    public static Path fileFor(Path labels) {
        Path dir = Files.isDirectory(labels) ? labels : labels.toAbsolutePath().getParent();
        return dir.resolve(FILE);
    }

    /** True for a path named {@value #FILE}. */
    public static boolean isSecondOpinions(Path p) {
        return p.getFileName() != null && p.getFileName().toString().equals(FILE);
    }

    /**
     * The problems of a second-opinion file (as {@code file:line: field: message}): every label-record check, ids
     * unique within the file, and each id must be an item of {@code labelled}.
     */
    public static List<LabelProblem> problems(Path file, TopicSet topics, List<LabelledItem> labelled)
            throws IOException {
        LabelValidator.Result r = new LabelValidator(topics, false).validate(List.of(file));
        List<LabelProblem> out = new ArrayList<>(r.problems());
        Set<String> known = new java.util.HashSet<>();
        labelled.forEach(i -> known.add(i.id()));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = io.rubrique.util.Json.objectOrNull(lines.get(i));
            if (n != null && n.path("id").isTextual() && !known.contains(n.path("id").asText())) {
                out.add(new LabelProblem(file, i + 1, "id", "'" + n.path("id").asText()
                        + "' is not an item of the label set: a second opinion needs a first label"));
            }
        }
        out.sort(java.util.Comparator.comparingInt(LabelProblem::line));
        return out;
    }

    /**
     * Every item with a second opinion, paired with its first opinion, in the order of the second-opinion file;
     * empty when the set has no second-opinion file. Fails with {@link LabelException} naming file, line and
     * field when the file has problems.
     */
    public static List<Pair> pairs(Path labels, LabelSet set) throws IOException {
        Path file = fileFor(labels);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<LabelProblem> problems = problems(file, set.topics(), set.items());
        if (!problems.isEmpty()) {
            throw new LabelException(file, problems);
        }
        Map<String, JsonNode> firstRecords = new LinkedHashMap<>();
        for (Path f : set.files()) {
            records(f).forEach(n -> firstRecords.put(n.path("id").asText(), n));
        }
        Map<String, LabelledItem> items = new LinkedHashMap<>();
        set.items().forEach(i -> items.put(i.id(), i));
        List<Pair> out = new ArrayList<>();
        for (JsonNode s : records(file)) {
            String id = s.path("id").asText();
            LabelledItem item = items.get(id);
            JsonNode rec = firstRecords.get(id);
            JsonNode prov = rec == null ? MAPPER.createObjectNode() : rec.path("provenance");
            JsonNode kept = prov.path("opinions");
            boolean adjudicated = prov.path("adjudicated_by").isTextual() && kept.isArray() && kept.size() >= 1;
            Opinion first = adjudicated ? kept(kept.get(0), set.topics())
                    : new Opinion(prov.path("labelled_by").asText(null), item.topics(),
                            prov.path("labelled_at").asText(null));
            Opinion second = new Opinion(s.path("provenance").path("labelled_by").asText(null),
                    topics(s.path("topics"), set.topics()), s.path("provenance").path("labelled_at").asText(null));
            out.add(new Pair(item, first, second, item.topics(), adjudicated));
        }
        return out;
    }

    /** An opinion as an adjudicated record's provenance keeps it ({@code {"by", "topics", "at"}}). */
    private static Opinion kept(JsonNode n, TopicSet topics) {
        return new Opinion(n.path("by").asText(null), topics(n.path("topics"), topics), n.path("at").asText(null));
    }

    private static Set<String> topics(JsonNode arr, TopicSet topics) {
        Set<String> s = new LinkedHashSet<>();
        arr.forEach(t -> {
            if (t.isTextual() && topics.contains(t.asText())) {
                s.add(t.asText());
            }
        });
        return s.isEmpty() ? s : topics.ordered(s);
    }

    /** The JSON objects of a file's lines (blank and broken lines skipped: the validator reports those). */
    public static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = io.rubrique.util.Json.objectOrNull(line);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
