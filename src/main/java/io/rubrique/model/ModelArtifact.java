package io.rubrique.model;

import io.rubrique.util.ValueRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.FileLocks;
import io.rubrique.util.Hashing;
import io.rubrique.util.TempNames;
import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Models on disk. A model directory holds versions and a pointer to the current one:
 *
 * <pre>
 * models/default/
 *   CURRENT                        the name of the current version, replaced by one atomic rename
 *   versions/v0003-20261201T093000Z-1a2b3c4d5e6f/   sequence, time, model digest
 *     model.ser                    the serialized {@link TrainedModel}
 *     manifest.json                its {@link Manifest}
 * </pre>
 *
 * A new version is written under a temporary name, forced to disk, loaded back and checked, then renamed into
 * {@code versions/}; only then is {@code CURRENT} switched, so a crash or kill at any moment leaves the previous
 * model loadable, and {@link #load} recovers the newest complete version when the pointer is missing or broken.
 * Loading checks the manifest (exact format version, model file inside the directory and not a link), the
 * file's SHA-256, then deserializes through {@link ModelClassFilter} on a worker thread with a deadline, and
 * finally requires the manifest to agree with the model it describes.
 */
public final class ModelArtifact {
    public static final String MODEL_FILE = "model.ser";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String POINTER = "CURRENT";
    public static final String VERSIONS = "versions";
    /** Versions kept besides the current one. */
    static final int KEEP_VERSIONS = 5;
    /** How long deserialization may take before a model is refused (real models take well under a second). */
    static final Duration LOAD_DEADLINE = Duration.ofSeconds(20);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ModelArtifact() {
    }

    /** A saved model: the version directory written and its manifest. */
    public record Saved(Path versionDir, Manifest manifest) {
    }

    /**
     * Writes {@code model} as a new version of the model directory {@code dir} and makes it current. Refuses
     * (leaving the current model in place) when the written model does not load back.
     */
    public static Saved save(Path dir, TrainedModel model) throws IOException {
        Path versions = dir.resolve(VERSIONS);
        Files.createDirectories(versions);
        try (FileLocks.Held lock = FileLocks.exclusive(dir.resolve(POINTER))) {
            TempNames.cleanStale(versions);
            TempNames.cleanStale(dir);
            Path tmp = Files.createDirectory(versions.resolve(TempNames.forTarget("version")));
            try {
                Path modelFile = tmp.resolve(MODEL_FILE);
                try (OutputStream os = Files.newOutputStream(modelFile);
                        ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(os))) {
                    out.writeObject(model);
                }
                Manifest m = Manifest.of(model, MODEL_FILE, Hashing.sha256(modelFile));
                ModelJson.pretty().writeValue(tmp.resolve(MANIFEST_FILE).toFile(), m);
                AtomicFiles.forceTree(tmp);
                try {
                    loadVersion(tmp).manifest(); // the manifest too: a loaded model binds its provenance lazily
                } catch (ModelLoadException | IllegalStateException e) {
                    throw new IOException("the model was written but does not load back, so it was not saved ("
                            + e.getMessage() + ")", e);
                }
                String name = String.format(Locale.ROOT, "v%04d-", nextSequence(versions)) + STAMP.format(Instant.now())
                        + "-" + m.modelSha256().substring(0, 12);
                Path target = versions.resolve(name);
                if (Files.exists(target)) {
                    AtomicFiles.deleteRecursively(tmp);
                } else {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    AtomicFiles.forceDirectory(versions);
                }
                AtomicFiles.writeString(dir.resolve(POINTER), VERSIONS + "/" + name + "\n");
                removeOldLayout(dir);
                prune(versions, name);
                return new Saved(target, m);
            } finally {
                AtomicFiles.deleteRecursively(tmp);
            }
        }
    }

    /** One more than the highest sequence number among the versions (names start "vNNNN-"). */
    private static int nextSequence(Path versions) throws IOException {
        int max = 0;
        try (Stream<Path> s = Files.list(versions)) {
            for (Path p : s.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)-.*")
                        .matcher(p.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    /** The version directory {@code dir} stands for: itself when it holds a manifest, else the current one. */
    public static Path resolve(Path dir) throws ModelLoadException {
        if (Files.isRegularFile(dir.resolve(MANIFEST_FILE)) && !Files.exists(dir.resolve(POINTER))) {
            return dir;
        }
        Optional<Path> pointed = pointed(dir);
        if (pointed.isPresent()) {
            return pointed.get();
        }
        List<Path> all = versionsNewestFirst(dir);
        if (all.isEmpty()) {
            throw new ModelLoadException(dir + ": not a model directory (no " + POINTER + ", no " + VERSIONS
                    + "/, no " + MANIFEST_FILE + "); train one with: rubrique train --model " + dir);
        }
        return all.get(0);
    }

    /**
     * Starts, once per JVM and on a background thread, the class loading and set-up that the first use of a model
     * will need (Lucene's French chain), so that a caller with other start-up work (parsing its command line, loading
     * the model) finds it done; {@link #load} calls it too. Returns at once; changes no result.
     */
    public static void warmUp() {
        io.rubrique.text.AnalysisWarmUp.start();
    }

    /** Reads and checks the manifest of the model {@code dir} stands for, without loading the model. */
    public static Manifest readManifest(Path dir) throws ModelLoadException {
        return readManifestOf(resolve(dir));
    }

    /**
     * Loads the model {@code dir} stands for. When the pointer is missing or names a broken version, the newest
     * version that loads is used (what a kill during {@link #save} can leave).
     */
    public static TopicTagger load(Path dir) throws ModelLoadException {
        warmUp();
        WekaEnvironment.quiet();
        if (Files.isRegularFile(dir.resolve(MANIFEST_FILE)) && !Files.exists(dir.resolve(POINTER))) {
            return loadVersion(dir);
        }
        Optional<Path> pointed = pointed(dir);
        if (pointed.isPresent()) {
            return loadVersion(pointed.get());
        }
        ModelLoadException first = null;
        for (Path v : versionsNewestFirst(dir)) {
            try {
                return loadVersion(v);
            } catch (ModelLoadException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        throw new ModelLoadException(dir + ": not a model directory (no " + POINTER + ", no " + VERSIONS + "/, no "
                + MANIFEST_FILE + "); train one with: rubrique train --model " + dir);
    }

    private static Optional<Path> pointed(Path dir) {
        Path pointer = dir.resolve(POINTER);
        if (!Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (!name.matches(VERSIONS + "/[A-Za-z0-9._-]+")) {
                return Optional.empty();
            }
            Path v = dir.resolve(name);
            return Files.isRegularFile(v.resolve(MANIFEST_FILE)) ? Optional.of(v) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> versionsNewestFirst(Path dir) {
        Path versions = dir.resolve(VERSIONS);
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(versions)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve(MANIFEST_FILE)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
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
        FutureTask<HashedBytes> early = earlyRead(dir.resolve(MODEL_FILE));
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
            file = early != null && MODEL_FILE.equals(manifest.modelFile()) ? join(early) : HashedBytes.read(modelFile);
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
        /** Arrays compared by content ({@link ValueRecords}). */
        @Override
        public boolean equals(Object o) {
            return ValueRecords.equal(this, o);
        }

        @Override
        public int hashCode() {
            return ValueRecords.hash(this);
        }

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
        Path file = dir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelLoadException(dir + ": not a model directory (no " + MANIFEST_FILE + ")");
        }
        JsonNode tree;
        try {
            tree = ModelJson.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelLoadException(MANIFEST_FILE + ": unreadable manifest: " + firstLine(e), e);
        }
        JsonNode v = tree.get("format_version");
        if (v == null || !v.isInt() || v.intValue() != Manifest.FORMAT_VERSION) {
            String found = v == null ? "none" : v.toString();
            throw new ModelLoadException(MANIFEST_FILE + ": model format version " + found
                    + " is not supported (this rubrique reads version " + Manifest.FORMAT_VERSION
                    + "); retrain the model with this version: rubrique train --model DIR");
        }
        String modelFile = tree.path("model_file").textValue();
        String sha = tree.path("model_sha256").textValue();
        String learner = tree.path("config").path("learner").path("type").textValue();
        if (modelFile == null || !modelFile.matches("[A-Za-z0-9._-]+") || modelFile.startsWith(".")
                || sha == null || !sha.matches("[0-9a-fA-F]{64}") || learner == null
                || !tree.path("topics").isObject()) {
            throw new ModelLoadException(MANIFEST_FILE + ": model_file must name a file in the model directory, "
                    + "model_sha256 must be 64 hex digits, and config (with its learner) and topics must be present");
        }
        return new Declared(tree, modelFile, sha, learner);
    }

    /** The manifest of a version directory, bound to its record (what {@link #readManifest} returns). */
    private static Manifest readManifestOf(Path dir) throws ModelLoadException {
        JsonNode tree = readDeclared(dir).tree();
        try {
            return ModelJson.strict().treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(MANIFEST_FILE + ": invalid manifest: " + firstLine(e)
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
            actual = manifestTree(model, manifest.modelFile(), manifest.modelSha256());
        } catch (IOException e) {
            throw new ModelLoadException(manifest.modelFile() + ": model provenance unreadable: " + e.getMessage(), e);
        }
        Optional<String> diff = firstDifference("", manifest.tree(), actual);
        if (diff.isPresent()) {
            throw new ModelLoadException(MANIFEST_FILE + ": disagrees with the model it describes at " + diff.get()
                    + "; the manifest was edited, refusing the model (retrain, or restore the manifest)");
        }
    }

    /**
     * The tree of {@code Manifest.of(model, modelFile, sha)} as the project's mapper writes it, made from the
     * provenance JSON the model file holds plus the manifest's own fields, without binding or serializing a
     * record. {@code ModelArtifactTest} pins that the two trees are the same.
     */
    static JsonNode manifestTree(BinaryRelevanceModel model, String modelFile, String sha) throws IOException {
        ObjectNode tree = (ObjectNode) ModelJson.readTree(model.provenanceJson());
        tree.put("format_version", Manifest.FORMAT_VERSION);
        ObjectNode th = tree.putObject("thresholds");
        model.thresholds().forEach((topic, value) -> th.put(topic, value));
        tree.put("model_file", modelFile);
        tree.put("model_sha256", sha);
        return tree;
    }

    static Optional<String> firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String n : names) {
                JsonNode x = a.get(n);
                JsonNode y = b.get(n);
                String p = path.isEmpty() ? n : path + "." + n;
                if (x == null || y == null) {
                    return Optional.of(p);
                }
                Optional<String> d = firstDifference(p, x, y);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue() ? Optional.empty() : Optional.of(path);
        }
        return a.equals(b) ? Optional.empty() : Optional.of(path.isEmpty() ? "(document)" : path);
    }

    /** Removes a format-1 model (model.ser + manifest.json at the top) once a versioned one is current. */
    private static void removeOldLayout(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(MODEL_FILE));
        Files.deleteIfExists(dir.resolve(MANIFEST_FILE));
    }

    private static void prune(Path versions, String current) {
        List<Path> all;
        try (Stream<Path> s = Files.list(versions)) {
            all = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            return;
        }
        int kept = 0;
        for (Path p : all) {
            if (p.getFileName().toString().equals(current)) {
                continue;
            }
            if (kept++ >= KEEP_VERSIONS) {
                AtomicFiles.deleteRecursively(p);
            }
        }
    }

    /**
     * The loaded form: the fitted model behind the public API, with the name and digest of its file. Its
     * {@link Manifest} (the record) is made on first use, from the model's own provenance.
     */
    static final class LoadedTagger implements TopicTagger {
        private final BinaryRelevanceModel model;
        private final String modelFile;
        private final String sha256;
        private volatile Manifest manifest;

        LoadedTagger(BinaryRelevanceModel model, String modelFile, String sha256) {
            this.model = model;
            this.modelFile = modelFile;
            this.sha256 = sha256;
        }

        @Override
        public Manifest manifest() {
            Manifest m = manifest;
            if (m == null) {
                m = Manifest.of(model, modelFile, sha256);
                manifest = m;
            }
            return m;
        }

        TrainedModel model() {
            return model;
        }

        @Override
        public Tagging tag(String title, String text) {
            return model.tag(title, text);
        }

        @Override
        public io.rubrique.data.TopicSet topics() {
            return model.topics();
        }

        @Override
        public io.rubrique.data.PerTopic<Double> thresholds() {
            return model.thresholds();
        }

        @Override
        public ModelInspection inspect(int top) {
            return model.inspect(top);
        }

        @Override
        public io.rubrique.data.PerTopic<Explanation> explain(String title, String text) {
            return model.explain(title, text);
        }
    }
}
