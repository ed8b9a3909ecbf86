package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.util.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads unlabelled items (an inbox written by {@code ingest}, or any JSON lines {@code {"id", "title"?, "text"}})
 * for selection and semi-supervised training. Other fields (topics included) are ignored; a bad line (the same
 * limits and character rules as label files, ids unique across the pool) fails the read naming file, line and
 * field, and nothing is used. {@code rubrique validate} checks inbox files with {@link #check}.
 */
public final class PoolReader {
    private PoolReader() {
    }

    /**
     * Unlabelled items read from files, in order, with the digest of those files. Each keeps its kind and source
     * (a missing kind is taken as "article"), which a label record needs.
     */
    public record Pool(List<Path> files, List<Candidate> records, String sha256) {
        public Pool {
            files = List.copyOf(files);
            records = List.copyOf(records);
        }

        /** The items as snippets, the form a model and a strategy see. */
        public List<Snippet> items() {
            return records.stream().map(c -> new Snippet(c.id(), c.title(), c.text(), c.date())).toList();
        }
    }

    /** Every record that passed and every problem found, in file order. */
    public record Checked(List<Candidate> records, List<LabelProblem> problems, int lines) {
        public Checked {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads the files and fails naming file, line and field of every bad line (at most 20 shown); nothing is used
     * then.
     */
    public static Pool read(List<Path> files) throws IOException {
        Checked c = check(files);
        if (!c.problems().isEmpty()) {
            List<String> shown = c.problems().stream().limit(20).map(LabelProblem::toString).toList();
            throw new IOException(c.problems().size() + " bad line(s) in the unlabelled items, nothing used:\n  "
                    + String.join("\n  ", shown));
        }
        return new Pool(files, c.records(), Hashing.sha256(files));
    }

    /**
     * Checks pool files as label files are checked, less the topics: every field within the limits and free of
     * control characters ({@link RecordLimits}), {@code source} and {@code kind} strings when present, and ids unique
     * across the files (a repeated id would make one of its items impossible to label).
     */
    public static Checked check(List<Path> files) throws IOException {
        List<Candidate> out = new ArrayList<>();
        List<LabelProblem> problems = new ArrayList<>();
        Map<String, String> firstAt = new HashMap<>();
        int records = 0;
        for (Path f : files) {
            LabelReader.requireRegularFile(f);
            String text = Utf8.readStrict(f);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                if (line.isBlank()) {
                    continue;
                }
                records++;
                int before = problems.size();
                Candidate c = record(f, i + 1, line, problems);
                if (c != null && problems.size() == before) {
                    String where = f + ":" + (i + 1);
                    String first = firstAt.putIfAbsent(c.id(), where);
                    if (first != null) {
                        problems.add(new LabelProblem(f, i + 1, "id", "duplicate id '" + c.id() + "' (first at "
                                + first + ")"));
                    } else {
                        out.add(c);
                    }
                }
            }
        }
        return new Checked(out, problems, records);
    }

    private static Candidate record(Path f, int lineNo, String line, List<LabelProblem> problems) throws IOException {
        if (line.getBytes(StandardCharsets.UTF_8).length > RecordLimits.MAX_LINE_BYTES) {
            problems.add(new LabelProblem(f, lineNo, "record", "longer than " + RecordLimits.MAX_LINE_BYTES
                    + " bytes"));
            return null;
        }
        SnippetLine.Result r = SnippetLine.parse(line, lineNo);
        if (r.problem() != null) {
            int colon = r.problem().indexOf(": ");
            problems.add(colon < 0 ? new LabelProblem(f, lineNo, "record", r.problem())
                    : new LabelProblem(f, lineNo, r.problem().substring(0, colon), r.problem().substring(colon + 2)));
            return null;
        }
        Snippet s = r.snippet();
        JsonNode n = Json.mapper().readTree(line);
        String source = n.has("source") && !n.get("source").isNull() ? stringField(n, "source", f, lineNo, problems)
                : "";
        String kindText = n.has("kind") ? stringField(n, "kind", f, lineNo, problems) : "article";
        int before = problems.size();
        java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("id", s.id());
        fields.put("title", s.title());
        fields.put("text", s.text());
        fields.put("source", source == null ? "" : source);
        RecordLimits.problems(fields).forEach(p -> problems.add(new LabelProblem(f, lineNo, p.field(), p.message())));
        if (source == null || kindText == null || problems.size() > before) {
            return null;
        }
        Optional<ItemKind> kind = ItemKind.fromId(kindText);
        if (kind.isEmpty()) {
            problems.add(new LabelProblem(f, lineNo, "kind", "unknown kind '" + kindText
                    + "' (allowed: article, teaser)"));
            return null;
        }
        return new Candidate(s.id(), kind.get(), source, s.title(), s.text(), s.date());
    }

    /** A field that must be a string when present; null (with the problem recorded) when it is not. */
    private static String stringField(JsonNode n, String field, Path f, int lineNo, List<LabelProblem> problems) {
        JsonNode v = n.get(field);
        if (!v.isTextual()) {
            problems.add(new LabelProblem(f, lineNo, field, "not a string (found "
                    + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")"));
            return null;
        }
        return v.asText();
    }
}
