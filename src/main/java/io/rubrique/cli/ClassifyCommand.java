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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique classify}: tags snippets given as arguments, or JSON lines from a file or stdin, writing
 * {@code {"id","topics","scores"}} lines in input order. Batches are tagged on several threads.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Tag snippets with a trained model.",
            "TEXT arguments are tagged one by one; otherwise JSON lines {\"id\", \"title\"?, \"text\"} are read from",
            "--in (or stdin) and {\"id\", \"topics\", \"scores\"} lines written to --out (or stdout), in order.",
            "A bad input line is reported on stderr with its line number and skipped, or ends the run (--strict)."})
public final class ClassifyCommand implements Callable<Integer> {
    private static final int CHUNK = 8192;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: ${DEFAULT-VALUE}).")
    Path model = Path.of("models/default");

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

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Snippets to tag (each one a title-less text).")
    List<String> texts = new ArrayList<>();

    private final ObjectMapper mapper = Json.mapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        TopicTagger tagger = TopicTagger.load(model);
        if (!texts.isEmpty()) {
            if (in != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give TEXT arguments or --in, not both");
            }
            PrintWriter o = spec.commandLine().getOut();
            for (int i = 0; i < texts.size(); i++) {
                o.println(line(Integer.toString(i + 1), tagger.tag("", texts.get(i)), null));
                if (explain) {
                    tagger.explain("", texts.get(i)).forEach((t, e) -> o.println("  " + e.line(explainTerms)));
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

    /** Reads, tags and writes in chunks: bounded memory, parallel tagging, output in input order. */
    private Stats run(TopicTagger tagger, BufferedReader reader, Writer w, PrintWriter err) throws IOException {
        Stats stats = new Stats();
        String source = in == null ? "<stdin>" : in.toString();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "classify");
            t.setDaemon(true);
            return t;
        });
        try {
            long lineNo = 0;
            List<Snippet> chunk = new ArrayList<>(CHUNK);
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                SnippetLine.Result r = SnippetLine.parse(line, lineNo);
                if (r.problem() != null) {
                    err.println(source + ":" + lineNo + ": " + r.problem());
                    if (strict) {
                        stats.failed = true;
                        return stats;
                    }
                    stats.skipped++;
                    continue;
                }
                chunk.add(r.snippet());
                if (chunk.size() == CHUNK) {
                    stats.tagged += writeChunk(tagger, chunk, w, pool);
                    chunk.clear();
                }
            }
            stats.tagged += writeChunk(tagger, chunk, w, pool);
            return stats;
        } finally {
            pool.shutdownNow();
        }
    }

    private int writeChunk(TopicTagger tagger, List<Snippet> chunk, Writer w, ExecutorService pool) throws IOException {
        if (chunk.isEmpty()) {
            return 0;
        }
        int parts = Math.max(1, Math.min(threads, chunk.size() / 64 + 1));
        int size = (chunk.size() + parts - 1) / parts;
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int p = 0; p < chunk.size(); p += size) {
            List<Snippet> part = List.copyOf(chunk.subList(p, Math.min(chunk.size(), p + size)));
            futures.add(pool.submit(() -> part.stream().map(sn -> line(sn.id(), tagger.tag(sn.title(), sn.text()),
                    explain ? tagger.explain(sn.title(), sn.text()) : null)).toList()));
        }
        int k = 0;
        try {
            for (Future<List<String>> f : futures) {
                for (String l : f.get()) {
                    w.write(l);
                    w.write('\n');
                    k++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("tagging failed: " + e.getCause(), e.getCause());
        }
        return chunk.size();
    }

    private String line(String id, Tagging t, io.rubrique.data.PerTopic<io.rubrique.model.Explanation> why) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", id);
        o.set("topics", mapper.valueToTree(t.topics()));
        ObjectNode scores = o.putObject("scores");
        t.scores().forEach(scores::put);
        if (why != null) {
            ObjectNode ex = o.putObject("explanation");
            why.forEach((topic, e) -> ex.set(topic, mapper.valueToTree(e.summary(explainTerms))));
        }
        return o.toString();
    }
}
