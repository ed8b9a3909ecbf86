package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rubrique.data.Snippet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** A null text gets the same clear error on every path: snippet, trained model, loaded model, explanation. */
class NullTextTest {
    @TempDir
    Path tmp;

    private static void refused(Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals("text must not be null", e.getMessage());
    }

    @Test
    void everyTaggingPathRefusesANullTextWithTheSameMessage() throws Exception {
        TrainedModel trained = CoreFixtures.train(CoreFixtures.fixed("liblinear", ""), CoreFixtures.labels(), 1);
        CoreFixtures.trainAndSave(CoreFixtures.fixed("liblinear", ""), CoreFixtures.labels(), 1, tmp);
        TopicTagger loaded = TopicTagger.load(tmp);
        refused(() -> new Snippet("a", "titre", null));
        refused(() -> trained.tag("titre", null));
        refused(() -> trained.explain("titre", null));
        refused(() -> loaded.tag("titre", null));
        refused(() -> loaded.explain("titre", null));
    }
}
