package io.rubrique.model;

import java.nio.file.Path;

/** A model on disk: {@code model.ser} plus {@code manifest.json}. Written atomically, loaded only if verified. */
public final class ModelArtifact {
    private ModelArtifact() {
    }

    public static TopicTagger load(Path dir) throws ModelLoadException {
        throw new ModelLoadException("not implemented yet: " + dir);
    }
}
