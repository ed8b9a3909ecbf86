package io.rubrique.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.data.Snippet;
import io.rubrique.data.SnippetLine;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique classify}: tags snippets given as arguments, or JSON lines from a file or stdin, writing
 * {@code {"id","topics","scores"}} lines in input order. Batches are tagged on several threads.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Tag snippets with a trained model.",
            "TEXT arguments are tagged one by one: readable lines on a terminal, JSON lines when stdout is a pipe or "
                + "with --json. Otherwise JSON lines {\"id\", \"title\"?, \"text\"} are read from --in (or stdin) "
                + "and {\"id\", \"topics\", \"scores\"} lines written to --out (or stdout), in order.",
            "A bad input line is reported on stderr with its line number and skipped, or ends the run (--strict)."})
public final class ClassifyCommand implements Callable<Integer> {
    private static final int CHUNK = 8192;

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.Model model;

    @Option(names = "--in", paramLabel = "FILE", description = "JSON lines to classify (default: stdin).")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write results (default: stdout); written atomically.")
    Path out;

    @Option(names = "--strict", description = "Fail on the first bad input line (exit 1, nothing written) instead of skipping it.")
    boolean strict;

    @Option(names = "--threads", description = "Threads for batch tagging (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--explain", description = "Also say why: per topic the words that pushed the score up or down (exact for linear models).")
    boolean explain;

    @Option(names = "--explain-terms", paramLabel = "N", description = "Words per direction in explanations (default: ${DEFAULT-VALUE}).")
    int explainTerms = io.rubrique.model.ApiExplanations.TERMS;

    @Option(names = "--json", description = "JSON lines for TEXT arguments even on a terminal (always for --in/stdin).")
    boolean json;

    /** Whether stdout is a terminal; null: ask the JVM (tests set it). */
    Boolean terminal;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Snippets to tag (each one a title-less text).")
    List<String> texts = new ArrayList<>();

    /** Jackson, for the explanation lines only (plain lines are {@link TaggingLine}s); made on first use. */
    private static final class ExplainJson {
        static final ObjectMapper MAPPER = Json.mapper();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        TopicTagger tagger = TopicTagger.load(model.orDefault());
        if (!texts.isEmpty()) {
            if (in != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give TEXT arguments or --in, not both");
            }
            PrintWriter o = spec.commandLine().getOut();
            boolean text = !json && (terminal != null ? terminal : System.console() != null);
            for (int i = 0; i < texts.size(); i++) {
                String id = Integer.toString(i + 1);
                Tagging t = tagger.tag("", texts.get(i));
                if (!text) {
                    o.println(line(id, t, explain ? tagger.explain("", texts.get(i)) : null));
                    continue;
                }
                o.println(id + ": " + (t.topics().isEmpty() ? "no topic" : String.join(", ", t.topics())));
                if (explain) {
                    tagger.explain("", texts.get(i)).forEach((topic, e) -> o.println("  " + e.line(explainTerms)));
                } else {
                    StringBuilder sb = new StringBuilder("  scores:");
                    t.scores().forEach((topic, v) -> sb.append(String.format(java.util.Locale.ROOT, " %s %.2f",
                            topic, v)));
                    o.println(sb);
                }
            }
            o.flush();
            return 0;
        }
        Stats stats;
        try (BufferedReader reader = in == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            if (out == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                stats = run(tagger, reader, w, err);
                w.flush();
            } else {
                Stats[] holder = new Stats[1];
                AtomicFiles.write(out, os -> {
                    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                    holder[0] = run(tagger, reader, w, err);
                    w.flush();
                    if (holder[0].failed) {
                        throw new IOException("stopped at a bad input line (--strict); nothing written");
                    }
                });
                stats = holder[0];
            }
        }
        err.printf("classified %d item(s)%s%s%n", stats.tagged,
                stats.skipped > 0 ? ", skipped " + stats.skipped + " bad line(s)" : "",
                out != null ? " -> " + out : "");
        err.flush();
        return stats.failed ? 1 : 0;
    }

    private static final class Stats {
        long tagged;
        long skipped;
        boolean failed;
    }

    /**
     * Reads, tags and writes in chunks of {@value #CHUNK} non-blank lines: bounded memory, output in input order.
     * Parsing, tagging and formatting run on the worker threads, one slice of the chunk each, while this thread
     * reads the next chunk; this thread then writes the finished chunk and reports its bad lines in line order.
     * With one thread everything runs here, with no hand-over. A bad line under {@code --strict} stops the run
     * before anything of its chunk is written, as when chunks were tagged one after the other.
     */
    private Stats run(TopicTagger tagger, BufferedReader reader, Writer w, PrintWriter err) throws IOException {
        Stats stats = new Stats();
        String source = in == null ? "<stdin>" : in.toString();
        int workers = Math.max(1, threads);
        ExecutorService pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        });
        try {
            long[] lineNo = {0};
            Chunk pending = null;
            while (true) {
                Chunk next = Chunk.read(reader, lineNo);
                if (!next.isEmpty()) {
                    next.start(this, tagger, source, pool, workers);
                }
                if (pending != null && !pending.finish(w, err, stats, strict)) {
                    return stats;
                }
                if (next.isEmpty()) {
                    return stats;
                }
                pending = next;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Up to {@value #CHUNK} non-blank input lines with their line numbers, and once started, the outcome of each:
     * its output line, or (in {@code problem}) why it was skipped.
     */
    private static final class Chunk {
        final String[] lines = new String[CHUNK];
        final long[] numbers = new long[CHUNK];
        final String[] results = new String[CHUNK];
        final boolean[] problem = new boolean[CHUNK];
        int size;
        final List<Future<?>> parts = new ArrayList<>();

        static Chunk read(BufferedReader reader, long[] lineNo) throws IOException {
            Chunk c = new Chunk();
            String line;
            while (c.size < CHUNK && (line = reader.readLine()) != null) {
                lineNo[0]++;
                if (line.isBlank()) {
                    continue;
                }
                c.lines[c.size] = line;
                c.numbers[c.size++] = lineNo[0];
            }
            return c;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Tags the chunk: on {@code pool} in one slice per worker, or right here without a pool. */
        void start(ClassifyCommand cmd, TopicTagger tagger, String source, ExecutorService pool, int workers) {
            if (pool == null) {
                process(cmd, tagger, source, 0, size);
                return;
            }
            int n = Math.max(1, Math.min(workers, size / 64 + 1));
            int slice = (size + n - 1) / n;
            for (int from = 0; from < size; from += slice) {
                int a = from;
                int b = Math.min(size, from + slice);
                parts.add(pool.submit(() -> process(cmd, tagger, source, a, b)));
            }
        }

        private void process(ClassifyCommand cmd, TopicTagger tagger, String source, int from, int to) {
            for (int i = from; i < to; i++) {
                SnippetLine.Result r = SnippetLine.parse(lines[i], numbers[i]);
                lines[i] = null;
                if (r.problem() != null) {
                    results[i] = source + ":" + numbers[i] + ": " + r.problem();
                    problem[i] = true;
                    if (cmd.strict) {
                        return; // nothing after the first bad line is used
                    }
                    continue;
                }
                Snippet sn = r.snippet();
                results[i] = cmd.line(sn.id(), tagger.tag(sn.title(), sn.text()),
                        cmd.explain ? tagger.explain(sn.title(), sn.text()) : null);
            }
        }

        /**
         * Waits for the chunk, then writes its lines and reports its bad ones in input order; false when a bad
         * line stops the run ({@code --strict}), in which case nothing of this chunk is written.
         */
        boolean finish(Writer w, PrintWriter err, Stats stats, boolean strict) throws IOException {
            try {
                for (Future<?> f : parts) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException("tagging failed: " + e.getCause(), e.getCause());
            }
            if (strict) {
                for (int i = 0; i < size; i++) {
                    if (problem[i]) {
                        err.println(results[i]);
                        stats.failed = true;
                        return false;
                    }
                }
            }
            for (int i = 0; i < size; i++) {
                if (problem[i]) {
                    err.println(results[i]);
                    stats.skipped++;
                } else {
                    w.write(results[i]);
                    w.write('\n');
                    stats.tagged++;
                }
            }
            return true;
        }
    }

    private String line(String id, Tagging t, io.rubrique.data.PerTopic<io.rubrique.model.Explanation> why) {
        if (why == null) {
            return TaggingLine.of(id, t);
        }
        ObjectMapper mapper = ExplainJson.MAPPER;
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.set("topics", mapper.valueToTree(t.topics()));
        ObjectNode scores = o.putObject("scores");
        t.scores().forEach(scores::put);
        ObjectNode ex = o.putObject("explanation");
        why.forEach((topic, e) -> ex.set(topic, mapper.valueToTree(e.summary(explainTerms))));
        return o.toString();
    }
}
