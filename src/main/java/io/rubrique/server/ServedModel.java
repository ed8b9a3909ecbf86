package io.rubrique.server;

import io.rubrique.model.Manifest;
import io.rubrique.model.TopicTagger;
import java.nio.file.Path;

/** A loaded tagger with the directory it came from; what one request uses from start to end. */
public record ServedModel(TopicTagger tagger, Path dir, ModelRef ref) {
    public static ServedModel of(TopicTagger tagger, Path dir) {
        Manifest m = tagger.manifest();
        return new ServedModel(tagger, dir, new ModelRef(m.name(), m.modelSha256()));
    }

    /** The model's identity as every response reports it. */
    public record ModelRef(String name, String sha256) {
    }
}
