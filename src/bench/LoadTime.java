import io.rubrique.model.TopicTagger;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Model load time inside a fresh JVM, for speed.py: the wall time of the first {@code TopicTagger.load(DIR)} (the
 * manifest checks, the SHA-256, the filtered deserialization, the agreement check, and the class loading they
 * cause), then of the first {@code tag()} after it. Run from a jar, not a directory (so an AppCDS archive can be
 * used): {@code java [flags] -cp rubrique.jar:LoadTime.jar LoadTime MODEL_DIR}. Prints one JSON object.
 */
public final class LoadTime {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        TopicTagger tagger = TopicTagger.load(Path.of(args[0]));
        long t1 = System.nanoTime();
        tagger.tag("", "Le Vietnam et Singapour renforcent leur coopération en cybersécurité");
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "{\"load_ms\": %.1f, \"first_tag_ms\": %.1f}%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6);
    }
}
