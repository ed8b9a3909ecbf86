package io.rubrique.bench;

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
 * JMH latency of {@link TopicTagger#tag} on one teaser, for the benchmark suite ({@code src/bench/run.sh}); the
 * model directory comes from the system property {@value #MODEL_PROPERTY}. Not a unit test: run it with
 * {@code org.openjdk.jmh.Main TagBenchmark -jvmArgsAppend -Drubrique.bench.model=DIR}.
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

    static final String TITLE = "Le Vietnam et Singapour renforcent leur coopération dans la cybersécurité";
    static final String TEXT = "Hanoï (VNA) – Le ministre vietnamien de la Sécurité publique a reçu mardi à Hanoï "
            + "l’ambassadeur de Singapour. Les deux parties sont convenues d’intensifier l’échange d’informations "
            + "sur la cybercriminalité, la protection des données et la transformation numérique, dans le cadre du "
            + "partenariat stratégique global entre les deux pays.";

    private TopicTagger tagger;

    @Setup
    public void load() throws ModelLoadException {
        String dir = System.getProperty(MODEL_PROPERTY, "");
        if (dir.isBlank()) {
            throw new IllegalStateException("TagBenchmark: set -D" + MODEL_PROPERTY + "=<model directory>");
        }
        tagger = TopicTagger.load(Path.of(dir));
    }

    @Benchmark
    public Tagging tagTeaser() {
        return tagger.tag(TITLE, TEXT);
    }
}
