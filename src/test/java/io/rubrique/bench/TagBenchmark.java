package io.rubrique.bench;

import io.rubrique.data.SnippetLine;
import io.rubrique.model.ModelLoadException;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH latency of {@link TopicTagger#tag}, for the benchmark suite ({@code src/bench/run.sh}): {@link #tagTeaser} on
 * one teaser, and {@link #tagItems} cycling through the first {@value #ITEMS_MAX} snippets of the JSON-lines file
 * named by {@value #ITEMS_PROPERTY} (the batch benchmark's items, so its per-item cost can be set beside the
 * whole-process figure; the teaser when the property is not set). The model directory comes from the system
 * property {@value #MODEL_PROPERTY}. Not a unit test: run it with
 * {@code org.openjdk.jmh.Main TagBenchmark -jvmArgsAppend "-Drubrique.bench.model=DIR -Drubrique.bench.items=F"}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class TagBenchmark {
    /** System property naming the model directory written by {@code rubrique train}. */
    public static final String MODEL_PROPERTY = "rubrique.bench.model";
    /** System property naming a JSON-lines file of snippets for {@link #tagItems}. */
    public static final String ITEMS_PROPERTY = "rubrique.bench.items";
    /** How many snippets of that file {@link #tagItems} cycles through. */
    public static final int ITEMS_MAX = 10_000;

    static final String TITLE = "Le Vietnam et Singapour renforcent leur coopération dans la cybersécurité";
    static final String TEXT = "Hanoï (VNA) – Le ministre vietnamien de la Sécurité publique a reçu mardi à Hanoï "
            + "l’ambassadeur de Singapour. Les deux parties sont convenues d’intensifier l’échange d’informations "
            + "sur la cybercriminalité, la protection des données et la transformation numérique, dans le cadre du "
            + "partenariat stratégique global entre les deux pays.";

    private TopicTagger tagger;
    private String[] titles;
    private String[] texts;
    private int next;

    @Setup
    public void load() throws ModelLoadException, IOException {
        String dir = System.getProperty(MODEL_PROPERTY, "");
        if (dir.isBlank()) {
            throw new IllegalStateException("TagBenchmark: set -D" + MODEL_PROPERTY + "=<model directory>");
        }
        tagger = TopicTagger.load(Path.of(dir));
        List<String[]> items = new ArrayList<>();
        String file = System.getProperty(ITEMS_PROPERTY, "");
        if (!file.isBlank()) {
            try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                String line;
                for (long n = 1; items.size() < ITEMS_MAX && (line = r.readLine()) != null; n++) {
                    SnippetLine.Result p = SnippetLine.parse(line, n);
                    if (p.snippet() != null) {
                        items.add(new String[] {p.snippet().title(), p.snippet().text()});
                    }
                }
            }
        }
        if (items.isEmpty()) {
            items.add(new String[] {TITLE, TEXT});
        }
        titles = items.stream().map(i -> i[0]).toArray(String[]::new);
        texts = items.stream().map(i -> i[1]).toArray(String[]::new);
    }

    @Benchmark
    public Tagging tagTeaser() {
        return tagger.tag(TITLE, TEXT);
    }

    /** One snippet of the items file per call, in file order, round and round (one benchmark thread). */
    @Benchmark
    public Tagging tagItems() {
        int i = next;
        next = i + 1 == titles.length ? 0 : i + 1;
        return tagger.tag(titles[i], texts[i]);
    }
}
