package io.rubrique.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.util.Hashing;
import io.rubrique.util.ValueRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loading one model version, verified: the manifest's checks (exact format version, model file inside the
 * directory and not a link), the file's SHA-256, deserialization through {@link ModelClassFilter} on a worker
 * thread with a deadline, and agreement of the manifest with the model it describes ({@link ManifestDiff}).
 * Where versions live and which is current is {@link ModelArtifact}'s business.
 */
final class VerifiedLoad {
    /** How long deserialization may take before a model is refused (real models take well under a second). */
    static final Duration LOAD_DEADLINE = Duration.ofSeconds(20);

    private VerifiedLoad() {
    }

    /**
     * Loads one version directory: manifest checks, checksum, filtered deserialization, agreement. The model file
     * is read once, into memory: the bytes whose digest is checked are the bytes deserialized (no window in which
     * the file could be swapped between the two), and nothing is bound to records on the way (see
     * {@link ModelJson}); the loaded tagger binds its manifest when first asked for it.
     */
    static LoadedTagger loadVersion(Path dir) throws ModelLoadException {
        // model.ser (the name every manifest written by save uses) is read and hashed on another thread while the
        // manifest is read and checked; its bytes are used only once the manifest has been checked and names that
        // file, so the checks run in the same order with the same outcomes, one core sooner.
        FutureTask<HashedBytes> early = earlyRead(dir.resolve(ModelArtifact.MODEL_FILE));
        Declared manifest;
        try {
            manifest = readDeclared(dir);
        } catch (ModelLoadException e) {
            if (early != null) {
                early.cancel(true);
            }
            throw e;
        }
        Path modelFile = dir.resolve(manifest.modelFile());
        if (Files.isSymbolicLink(modelFile) || !Files.isRegularFile(modelFile, LinkOption.NOFOLLOW_LINKS)) {
            if (early != null) {
                early.cancel(true);
            }
            throw new ModelLoadException(dir.getFileName() + "/" + manifest.modelFile()
                    + ": model file missing, or a link (links are refused)");
        }
        HashedBytes file;
        try {
            file = early != null && ModelArtifact.MODEL_FILE.equals(manifest.modelFile()) ? join(early)
                    : HashedBytes.read(modelFile);
            if (early != null) {
                early.cancel(true);
            }
        } catch (IOException e) {
            throw new ModelLoadException(manifest.modelFile() + ": cannot read model file: " + e.getMessage(), e);
        }
        if (!file.sha256().equals(manifest.modelSha256().toLowerCase(Locale.ROOT))) {
            throw new ModelLoadException(manifest.modelFile() + ": checksum mismatch (manifest says "
                    + manifest.modelSha256() + ", file is " + file.sha256()
                    + "); the file was changed or truncated, refusing to load it");
        }
        BinaryRelevanceModel model = deserialize(dir.getFileName() + "/" + manifest.modelFile(), file.bytes(),
                manifest.learner());
        checkAgreement(manifest, model);
        return new LoadedTagger(model, manifest.modelFile(), file.sha256());
    }

    /** A model file's bytes and their SHA-256. */
    private record HashedBytes(byte[] bytes, String sha256) {
        @Override // arrays by content
        public boolean equals(Object o) { return ValueRecords.equal(this, o); }

        @Override
        public int hashCode() { return ValueRecords.hash(this); }

        static HashedBytes read(Path file) throws IOException {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new IOException("larger than 2 GiB, more than a model file can be");
            }
            byte[] b = Files.readAllBytes(file);
            return new HashedBytes(b, Hashing.sha256(b));
        }
    }

    /** The bytes and digest of {@code file} read on a daemon thread, or null when it is not a regular file. */
    private static FutureTask<HashedBytes> earlyRead(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        FutureTask<HashedBytes> task = new FutureTask<>(() -> HashedBytes.read(file));
        Thread t = new Thread(task, "rubrique-model-read");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** What {@link #earlyRead} read; its failure to read the file is this thread's. */
    private static HashedBytes join(FutureTask<HashedBytes> task) throws IOException, ModelLoadException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException("interrupted while checking the model file", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new ModelLoadException("cannot check the model file: " + e.getCause(), e.getCause());
        }
    }

    /**
     * A manifest as read, before any binding: its tree, and the fields loading needs, checked for shape (the
     * rest is checked by comparing the whole tree with the model's own, {@link #checkAgreement}).
     */
    private record Declared(JsonNode tree, String modelFile, String modelSha256, String learner) {
    }

    private static Declared readDeclared(Path dir) throws ModelLoadException {
        Path file = dir.resolve(ModelArtifact.MANIFEST_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelLoadException(dir + ": not a model directory (no " + ModelArtifact.MANIFEST_FILE + ")");
        }
        JsonNode tree;
        try {
            tree = ModelJson.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelLoadException(ModelArtifact.MANIFEST_FILE + ": unreadable manifest: " + firstLine(e), e);
        }
        JsonNode v = tree.get("format_version");
        if (v == null || !v.isInt() || v.intValue() != Manifest.FORMAT_VERSION) {
            String found = v == null ? "none" : v.toString();
            throw new ModelLoadException(ModelArtifact.MANIFEST_FILE + ": model format version " + found
                    + " is not supported (this rubrique reads version " + Manifest.FORMAT_VERSION
                    + "); retrain the model with this version: rubrique train --model DIR");
        }
        String modelFile = tree.path("model_file").textValue();
        String sha = tree.path("model_sha256").textValue();
        String learner = tree.path("config").path("learner").path("type").textValue();
        if (modelFile == null || !modelFile.matches("[A-Za-z0-9._-]+") || modelFile.startsWith(".")
                || sha == null || !sha.matches("[0-9a-fA-F]{64}") || learner == null
                || !tree.path("topics").isObject()) {
            throw new ModelLoadException(ModelArtifact.MANIFEST_FILE
                    + ": model_file must name a file in the model directory, model_sha256 must be 64 hex digits, "
                    + "and config (with its learner) and topics must be present");
        }
        return new Declared(tree, modelFile, sha, learner);
    }

    /** The manifest of a version directory, bound to its record (what {@link #readManifest} returns). */
    static Manifest readManifestOf(Path dir) throws ModelLoadException {
        JsonNode tree = readDeclared(dir).tree();
        try {
            return ModelJson.strict().treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(ModelArtifact.MANIFEST_FILE + ": invalid manifest: " + firstLine(e)
                    + " (written by another rubrique version? retrain: rubrique train --model DIR)", e);
        }
    }

    private static String firstLine(Exception e) {
        String msg = e instanceof com.fasterxml.jackson.core.JacksonException je ? je.getOriginalMessage()
                : e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse("");
    }

    /**
     * Deserializes on a worker thread with a deadline, so that a hostile file the filter's bounds let through
     * cannot hang the caller (a reload keeps serving the old model meanwhile).
     */
    private static BinaryRelevanceModel deserialize(String label, byte[] bytes, String learnerId)
            throws ModelLoadException {
        try {
            LearnerRegistry.standard().get(learnerId);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(label + ": " + e.getMessage());
        }
        ModelClassFilter.Recording filter = ModelClassFilter.forModel(learnerId, bytes.length);
        FutureTask<Object> task = new FutureTask<>(() -> {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(filter);
                return in.readObject();
            }
        });
        Thread worker = new Thread(task, "rubrique-model-load");
        worker.setDaemon(true);
        worker.start();
        Object o;
        try {
            o = task.get(LOAD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new ModelLoadException(label + ": deserialization took longer than " + LOAD_DEADLINE.toSeconds()
                    + " s; refusing the model", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelLoadException(label + ": interrupted while loading", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InvalidClassException) {
                throw new ModelLoadException(label + ": refused by the deserialization allow-list ("
                        + (filter.rejected() == null ? c.getMessage() : filter.rejected()) + ")", c);
            }
            throw new ModelLoadException(label + ": cannot deserialize the model: " + c, c);
        }
        if (!(o instanceof BinaryRelevanceModel model)) {
            throw new ModelLoadException(label + ": holds a " + (o == null ? "null" : o.getClass().getName())
                    + ", not a model");
        }
        return model;
    }

    /**
     * The manifest must say exactly what the model's own provenance and thresholds say: its tree is compared with
     * the tree of the manifest {@link Manifest#of} would write for the model, field by field.
     */
    private static void checkAgreement(Declared manifest, BinaryRelevanceModel model) throws ModelLoadException {
        JsonNode actual;
        try {
            actual = ManifestDiff.manifestTree(model, manifest.modelFile(), manifest.modelSha256());
        } catch (IOException e) {
            throw new ModelLoadException(manifest.modelFile() + ": model provenance unreadable: " + e.getMessage(), e);
        }
        Optional<String> diff = ManifestDiff.firstDifference("", manifest.tree(), actual);
        if (diff.isPresent()) {
            throw new ModelLoadException(ModelArtifact.MANIFEST_FILE + ": disagrees with the model it describes at "
                    + diff.get() + "; the manifest was edited, refusing the model (retrain, or restore the manifest)");
        }
    }
}
