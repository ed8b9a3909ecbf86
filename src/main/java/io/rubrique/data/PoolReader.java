package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads unlabelled items (an inbox written by {@code ingest}, or any JSON lines {@code {"id", "title"?, "text"}})
 * for selection and semi-supervised training. Other fields (topics included) are ignored; a bad line fails the
 * read naming file, line and field, with the same limits as label files, and nothing is used.
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

    public static Pool read(List<Path> files) throws IOException {
        List<Candidate> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            LabelReader.requireRegularFile(f);
            String text = Utf8.readStrict(f);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
                if (line.isBlank()) {
                    continue;
                }
                if (line.getBytes(StandardCharsets.UTF_8).length > RecordLimits.MAX_LINE_BYTES) {
                    problems.add(f + ":" + (i + 1) + ": record: longer than " + RecordLimits.MAX_LINE_BYTES + " bytes");
                    continue;
                }
                SnippetLine.Result r = SnippetLine.parse(line, i + 1);
                if (r.problem() != null) {
                    problems.add(f + ":" + (i + 1) + ": " + r.problem());
                    continue;
                }
                Snippet s = r.snippet();
                Optional<String> bad = RecordLimits.problem("text", s.text())
                        .or(() -> RecordLimits.problem("title", s.title()));
                if (bad.isPresent()) {
                    problems.add(f + ":" + (i + 1) + ": " + (RecordLimits.problem("text", s.text()).isPresent()
                            ? "text" : "title") + ": " + bad.get());
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode n = io.rubrique.util.Json.mapper().readTree(line);
                String kindText = n.path("kind").asText("article");
                Optional<ItemKind> kind = ItemKind.fromId(kindText);
                if (kind.isEmpty()) {
                    problems.add(f + ":" + (i + 1) + ": kind: unknown kind '" + kindText + "' (allowed: article, teaser)");
                    continue;
                }
                out.add(new Candidate(s.id(), kind.get(), n.path("source").asText(""), s.title(), s.text(), s.date()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(problems.size() + " bad line(s) in the unlabelled items, nothing used:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
        return new Pool(files, out, Hashing.sha256(files));
    }
}
