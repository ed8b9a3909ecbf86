package io.rubrique.bench;

import io.rubrique.data.PerTopic;
import io.rubrique.model.Explanation;
import io.rubrique.model.ModelLoadException;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import java.nio.file.Path;
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
 * What an explanation costs next to a plain tag, on the teaser of {@link TagBenchmark}:
 * {@code org.openjdk.jmh.Main ExplainBenchmark -jvmArgsAppend -Drubrique.bench.model=DIR}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class ExplainBenchmark {
    private TopicTagger tagger;

    @Setup
    public void load() throws ModelLoadException {
        String dir = System.getProperty(TagBenchmark.MODEL_PROPERTY, "");
        if (dir.isBlank()) {
            throw new IllegalStateException("ExplainBenchmark: set -D" + TagBenchmark.MODEL_PROPERTY + "=<model dir>");
        }
        tagger = TopicTagger.load(Path.of(dir));
    }

    @Benchmark
    public Tagging tag() {
        return tagger.tag(TagBenchmark.TITLE, TagBenchmark.TEXT);
    }

    @Benchmark
    public PerTopic<Explanation> explain() {
        return tagger.explain(TagBenchmark.TITLE, TagBenchmark.TEXT);
    }
}
