package io.rubrique.server;

import io.rubrique.model.ModelLoadException;
import io.rubrique.model.TopicTagger;
import java.nio.file.Path;

/** Loads a model directory into a tagger; injected so the server can be tested without a trained model. */
@FunctionalInterface
public interface ModelLoader {
    TopicTagger load(Path modelDir) throws ModelLoadException;

    /** The real loader: {@link TopicTagger#load}, which verifies checksum and format. */
    static ModelLoader standard() {
        return TopicTagger::load;
    }
}
