package io.rubrique.cli;

import io.rubrique.data.Snippet;
import io.rubrique.data.SnippetLine;
import io.rubrique.model.TopicTagger;
import io.rubrique.quant.Estimators;
import io.rubrique.quant.GroupBy;
import io.rubrique.quant.Quantification;
import io.rubrique.quant.QuantResult;
import io.rubrique.quant.Quantifier;
import io.rubrique.quant.References;
import io.rubrique.quant.TaggedItem;
import io.rubrique.quant.TimelineChart;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/**
 * {@code rubrique quantify}: how much of a batch is about each topic, per group (day, week, month, source), with
 * the count of tags corrected for the model's errors as measured at training time, a 95% interval and the raw
 * number tagged beside it.
 */
@Command(name = "quantify", mixinStandardHelpOptions = true,
        description = {"Estimate each topic's share of a batch of items, per group, corrected for the model's errors.",
            "Reads JSON lines {\"id\", \"title\"?, \"text\", \"date\"? (ISO 8601), \"source\"?} from --in (or stdin) and "
                    + "writes {\"groups\": [{\"key\", \"items\", \"topics\": {TOPIC: {\"share\", \"ci95\", \"count\", "
                    + "\"tagged\"}}}], \"method\", \"shifts\": [{\"group\", \"topic\", \"share\", \"training\"}], "
                    + "\"warnings\", \"rates\"}.",
            "\"tagged\" is the raw number of tags; \"share\" corrects it with the error rates and held-out scores the "
                    + "model's training measured (never from this batch), or those of a labelled random sample "
                    + "(--rates-from); \"rates\" says which.",
            "A bad input line is reported with its line number and skipped, or ends the run (--strict)."})
public final class QuantifyCommand implements Callable<Integer> {
    private static final int CHUNK = 8192;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: ${DEFAULT-VALUE}).")
    Path model = Path.of("models/default");

    @Option(names = "--in", paramLabel = "FILE", description = "JSON lines to quantify (default: stdin).")
    Path in;

    @Option(names = "--by", paramLabel = "GROUPING",
            description = "Groups: none, day, week (ISO), month or source (a URL's host) (default: ${DEFAULT-VALUE}).")
    GroupBy by = GroupBy.NONE;

    @Option(names = "--method", paramLabel = "M", completionCandidates = RegistryHelp.EstimatorNames.class,
            description = "Estimator, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, chosen by "
                    + "experiments/QUANTIFY-STUDY.md).")
    String method = Estimators.DEFAULT;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default: stdout); written atomically.")
    Path out;

    @Option(names = "--chart", paramLabel = "FILE",
            description = "Also draw the shares per group: a PNG (FILE.png) or a self-contained HTML page (any other name).")
    Path chart;

    @Option(names = "--strict", description = "Fail on the first bad input line (exit 1, nothing written) instead of skipping it.")
    boolean strict;

    @Option(names = "--threads", description = "Threads for tagging (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--rates-from", paramLabel = "FILE",
            description = "Label file (or directory) of items drawn at random from the kind of items quantified and "
                    + "labelled, but not trained on: the error rates and scores come from the model's scores on them "
                    + "instead of its training's cross-validation (better when the training items were picked by hand;"
                    + " about 100 items, experiments/QUANTIFY-STUDY.md).")
    Path ratesFrom;

    @Option(names = "--replicates", paramLabel = "B",
            description = "Bootstrap replicates per group and topic (default: ${DEFAULT-VALUE}).")
    int replicates = Quantifier.REPLICATES;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Quantifier quantifier = new Quantifier(Estimators.standard().get(method), replicates, 42L);
        TopicTagger tagger = TopicTagger.load(model);
        io.rubrique.data.LabelSet sample = ratesFrom == null ? null
                : io.rubrique.data.LabelReader.read(ratesFrom, tagger.topics());
        Quantification quantification = new Quantification(tagger.topics(),
                sample == null ? References.of(tagger) : References.fromSample(tagger, sample), quantifier);
        List<TaggedItem> items = new ArrayList<>();
        long[] skipped = {0};
        try (BufferedReader reader = in == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            if (!read(tagger, reader, items, skipped, err)) {
                err.flush();
                return 1;
            }
        }
        QuantResult result = quantification.run(items, by);
        if (skipped[0] > 0) {
            result = result.withWarning(skipped[0] + " bad input line(s) skipped");
        }
        com.fasterxml.jackson.databind.node.ObjectNode answer = Json.mapper().valueToTree(result);
        com.fasterxml.jackson.databind.node.ObjectNode rates = answer.putObject("rates");
        if (sample == null) {
            rates.put("from", "training");
        } else {
            rates.put("from", "sample");
            rates.put("file", ratesFrom.toString());
            rates.put("items", sample.items().size());
            rates.put("sha256", sample.sha256());
        }
        String json = Json.prettyMapper().writeValueAsString(answer) + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.writeString(out, json);
        }
        if (chart != null) {
            String title = "Topic shares by " + by.name().toLowerCase(java.util.Locale.ROOT) + " (" + result.method() + ")";
            if (chart.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                byte[] png = TimelineChart.png(result, title);
                AtomicFiles.write(chart, os -> os.write(png));
            } else {
                AtomicFiles.writeString(chart, TimelineChart.html(result, title));
            }
        }
        result.warnings().forEach(w -> err.println("warning: " + w));
        err.printf("quantified %d item(s) in %d group(s) with %s%s%n", items.size(), result.groups().size(),
                result.method(), out != null ? " -> " + out : "");
        err.flush();
        return 0;
    }

    /**
     * Reads, parses and tags the input in chunks on the worker threads, keeping only each item's date, source and
     * tagging; false when a bad line stops the run ({@code --strict}).
     */
    private boolean read(TopicTagger tagger, BufferedReader reader, List<TaggedItem> items, long[] skipped,
            PrintWriter err) throws IOException {
        String name = in == null ? "<stdin>" : in.toString();
        int workers = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "quantify");
            t.setDaemon(true);
            return t;
        });
        try {
            long lineNo = 0;
            while (true) {
                String[] lines = new String[CHUNK];
                long[] numbers = new long[CHUNK];
                int size = 0;
                String line;
                while (size < CHUNK && (line = reader.readLine()) != null) {
                    lineNo++;
                    if (!line.isBlank()) {
                        lines[size] = line;
                        numbers[size++] = lineNo;
                    }
                }
                if (size == 0) {
                    return true;
                }
                TaggedItem[] done = new TaggedItem[size];
                String[] problems = new String[size];
                int slice = (size + workers - 1) / workers;
                List<Future<?>> parts = new ArrayList<>();
                for (int from = 0; from < size; from += slice) {
                    int a = from;
                    int b = Math.min(size, from + slice);
                    parts.add(pool.submit(() -> {
                        for (int i = a; i < b; i++) {
                            SnippetLine.Result r = SnippetLine.parse(lines[i], numbers[i]);
                            if (r.problem() != null) {
                                problems[i] = name + ":" + numbers[i] + ": " + r.problem();
                                continue;
                            }
                            Snippet s = r.snippet();
                            String source = by == GroupBy.SOURCE ? source(lines[i]) : null;
                            done[i] = new TaggedItem(s.date(), source, tagger.tag(s.title(), s.text()));
                        }
                    }));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
                for (int i = 0; i < size; i++) {
                    if (problems[i] != null) {
                        err.println(problems[i]);
                        if (strict) {
                            return false;
                        }
                        skipped[0]++;
                    } else {
                        items.add(done[i]);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("tagging failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Jackson for the {@code source} field (read only with {@code --by source}); made on first use. */
    private static final class SourceJson {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = Json.mapper();
    }

    /** The line's {@code source} when it is a string, else null. */
    private static String source(String line) {
        try {
            com.fasterxml.jackson.databind.JsonNode s = SourceJson.MAPPER.readTree(line).get("source");
            return s != null && s.isTextual() ? s.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
