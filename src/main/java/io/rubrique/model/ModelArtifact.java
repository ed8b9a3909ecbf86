package io.rubrique.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rubrique.data.Topic;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Hashing;
import io.rubrique.util.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model on disk: {@code model.ser} (the serialized {@link TrainedModel}) plus {@code manifest.json}. Written
 * atomically (a crash mid-write leaves the previous model intact); loaded only after the manifest's format
 * version and the model file's SHA-256 match, and through a class allow-list ({@link ModelClassFilter}), so a
 * tampered or hostile file is refused rather than executed.
 */
public final class ModelArtifact {
    public static final String MODEL_FILE = "model.ser";
    public static final String MANIFEST_FILE = "manifest.json";
    private static final ObjectMapper MAPPER = Json.prettyMapper();

    private ModelArtifact() {
    }

    /**
     * Writes {@code model} and its manifest into {@code dir}, replacing any model there only once the new one is
     * complete. {@code draft} is the manifest without the model file's name and digest, which are filled in here.
     *
     * @return the manifest as written
     */
    public static Manifest save(Path dir, TrainedModel model, Manifest draft) throws IOException {
        Manifest[] written = new Manifest[1];
        AtomicFiles.writeDirectory(dir, tmp -> {
            Path modelFile = tmp.resolve(MODEL_FILE);
            try (ObjectOutputStream out = new ObjectOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(modelFile)))) {
                out.writeObject(model);
            }
            Manifest m = new Manifest(Manifest.FORMAT_VERSION, draft.name(), draft.topics(), draft.thresholds(),
                    draft.config(), draft.data(), draft.seed(), draft.versions(), draft.codeRevision(),
                    draft.createdAt(), MODEL_FILE, Hashing.sha256(modelFile));
            MAPPER.writeValue(tmp.resolve(MANIFEST_FILE).toFile(), m);
            written[0] = m;
        });
        return written[0];
    }

    /** Reads and checks a model directory's manifest without loading the model. */
    public static Manifest readManifest(Path dir) throws ModelLoadException {
        Path file = dir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(dir + ": not a model directory (no " + MANIFEST_FILE + ")");
        }
        Manifest m;
        try {
            m = Json.mapper().readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new ModelLoadException(file + ": unreadable manifest: " + e.getMessage(), e);
        }
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new ModelLoadException(file + ": model format version " + m.formatVersion()
                    + " is not supported (this rubrique reads version " + Manifest.FORMAT_VERSION
                    + "); retrain the model with this version");
        }
        List<String> expected = Topic.all().stream().map(Topic::id).toList();
        if (!expected.equals(m.topics())) {
            throw new ModelLoadException(file + ": topics " + m.topics() + " differ from " + expected);
        }
        if (m.modelFile() == null || !m.modelFile().matches("[A-Za-z0-9._-]+") || m.modelSha256() == null) {
            throw new ModelLoadException(file + ": model_file and model_sha256 must name a file in the directory");
        }
        return m;
    }

    /** Loads a model directory: manifest checks, then checksum, then filtered deserialization. */
    public static TopicTagger load(Path dir) throws ModelLoadException {
        WekaEnvironment.quiet();
        Manifest manifest = readManifest(dir);
        Path modelFile = dir.resolve(manifest.modelFile());
        String actual;
        try {
            actual = Hashing.sha256(modelFile);
        } catch (IOException e) {
            throw new ModelLoadException(modelFile + ": cannot read model file: " + e.getMessage(), e);
        }
        if (!actual.equals(manifest.modelSha256())) {
            throw new ModelLoadException(modelFile + ": checksum mismatch (manifest says " + manifest.modelSha256()
                    + ", file is " + actual + "); the file was changed or truncated, refusing to load it");
        }
        return new LoadedTagger(manifest, deserialize(modelFile));
    }

    private static TrainedModel deserialize(Path modelFile) throws ModelLoadException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(modelFile));
                ObjectInputStream in = new ObjectInputStream(raw)) {
            in.setObjectInputFilter(ModelClassFilter.filter());
            Object o = in.readObject();
            if (!(o instanceof BinaryRelevanceModel model)) {
                throw new ModelLoadException(modelFile + ": holds a " + o.getClass().getName() + ", not a model");
            }
            return model;
        } catch (InvalidClassException e) {
            throw new ModelLoadException(modelFile + ": refused by the deserialization allow-list ("
                    + e.getMessage() + ")", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ModelLoadException(modelFile + ": cannot deserialize the model: " + e, e);
        }
    }

    /** The loaded form: manifest plus the fitted model, behind the public API. */
    private record LoadedTagger(Manifest manifest, TrainedModel model) implements TopicTagger {
        @Override
        public Tagging tag(String title, String text) {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
            return model.tag(title, text);
        }
    }
}
