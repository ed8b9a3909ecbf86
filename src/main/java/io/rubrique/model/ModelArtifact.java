package io.rubrique.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.FileLocks;
import io.rubrique.util.Hashing;
import io.rubrique.util.TempNames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
                ModelJson.PRETTY.writeValue(tmp.resolve(MANIFEST_FILE).toFile(), m);
                AtomicFiles.forceTree(tmp);
                try {
                    loadVersion(tmp);
                } catch (ModelLoadException e) {
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
     * Starts, once per JVM and on background threads, the class loading and set-up that loading and first use of a
     * model will need (Jackson's manifest types, Lucene's French chain), so that a caller with other start-up work
     * (parsing its command line) finds it done; {@link #load} calls it too. Returns at once; changes no result.
     */
    public static void warmUp() {
        ModelJson.warmUp();
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

    /** Loads one version directory: manifest checks, checksum, filtered deserialization, agreement. */
    static TopicTagger loadVersion(Path dir) throws ModelLoadException {
        // The checksum of model.ser (the name every manifest written by save uses) is computed on another thread
        // while the manifest is read and bound; it is used only once the manifest has been checked and names that
        // file, so the checks run in the same order with the same outcomes, one core sooner.
        FutureTask<String> early = earlyChecksum(dir.resolve(MODEL_FILE));
        Manifest manifest;
        try {
            manifest = readManifestOf(dir);
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
        String actual;
        long size;
        try {
            actual = early != null && MODEL_FILE.equals(manifest.modelFile()) ? join(early)
                    : Hashing.sha256(modelFile);
            if (early != null) {
                early.cancel(true);
            }
            size = Files.size(modelFile);
        } catch (IOException e) {
            throw new ModelLoadException(manifest.modelFile() + ": cannot read model file: " + e.getMessage(), e);
        }
        if (!actual.equals(manifest.modelSha256().toLowerCase(Locale.ROOT))) {
            throw new ModelLoadException(manifest.modelFile() + ": checksum mismatch (manifest says "
                    + manifest.modelSha256() + ", file is " + actual
                    + "); the file was changed or truncated, refusing to load it");
        }
        TrainedModel model = deserialize(modelFile, manifest.config().learner().type(), size);
        checkAgreement(manifest, model, dir);
        return new LoadedTagger(Manifest.of(model, manifest.modelFile(), actual), model);
    }

    /** The SHA-256 of {@code file} computed on a daemon thread, or null when it is not a regular file. */
    private static FutureTask<String> earlyChecksum(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        FutureTask<String> task = new FutureTask<>(() -> Hashing.sha256(file));
        Thread t = new Thread(task, "rubrique-model-checksum");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** The checksum computed by {@link #earlyChecksum}; its failure to read the file is this thread's. */
    private static String join(FutureTask<String> task) throws IOException, ModelLoadException {
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

    private static Manifest readManifestOf(Path dir) throws ModelLoadException {
        Path file = dir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelLoadException(dir + ": not a model directory (no " + MANIFEST_FILE + ")");
        }
        JsonNode tree;
        try {
            try (InputStream in = Files.newInputStream(file)) {
                tree = ModelJson.STRICT.readTree(in);
            }
        } catch (IOException e) {
            throw new ModelLoadException(MANIFEST_FILE + ": unreadable manifest: " + firstLine(e), e);
        }
        JsonNode v = tree == null ? null : tree.get("format_version");
        if (v == null || !v.isInt() || v.intValue() != Manifest.FORMAT_VERSION) {
            String found = v == null ? "none" : v.toString();
            throw new ModelLoadException(MANIFEST_FILE + ": model format version " + found
                    + " is not supported (this rubrique reads version " + Manifest.FORMAT_VERSION
                    + "); retrain the model with this version: rubrique train --model DIR");
        }
        Manifest m;
        try {
            m = ModelJson.STRICT.treeToValue(tree, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(MANIFEST_FILE + ": invalid manifest: " + firstLine(e)
                    + " (written by another rubrique version? retrain: rubrique train --model DIR)", e);
        }
        if (m.modelFile() == null || !m.modelFile().matches("[A-Za-z0-9._-]+") || m.modelFile().startsWith(".")
                || m.modelSha256() == null || !m.modelSha256().matches("[0-9a-fA-F]{64}") || m.config() == null
                || m.topics() == null) {
            throw new ModelLoadException(MANIFEST_FILE + ": model_file must name a file in the model directory, "
                    + "model_sha256 must be 64 hex digits, and config and topics must be present");
        }
        return m;
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
    private static TrainedModel deserialize(Path modelFile, String learnerId, long size) throws ModelLoadException {
        String label = modelFile.getParent().getFileName() + "/" + modelFile.getFileName();
        try {
            LearnerRegistry.standard().get(learnerId);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(label + ": " + e.getMessage());
        }
        ModelClassFilter.Recording filter = ModelClassFilter.forModel(learnerId, size);
        FutureTask<Object> task = new FutureTask<>(() -> {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(modelFile));
                    ObjectInputStream in = new ObjectInputStream(raw)) {
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

    /** The manifest must say exactly what the model's own provenance and thresholds say. */
    private static void checkAgreement(Manifest manifest, TrainedModel model, Path dir) throws ModelLoadException {
        JsonNode declared = ModelJson.MAPPER.valueToTree(manifest);
        JsonNode actual = ModelJson.MAPPER.valueToTree(Manifest.of(model, manifest.modelFile(),
                manifest.modelSha256()));
        Optional<String> diff = firstDifference("", declared, actual);
        if (diff.isPresent()) {
            throw new ModelLoadException(MANIFEST_FILE + ": disagrees with the model it describes at " + diff.get()
                    + "; the manifest was edited, refusing the model (retrain, or restore the manifest)");
        }
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

    /** The loaded form: manifest plus the fitted model, behind the public API. */
    private record LoadedTagger(Manifest manifest, TrainedModel model) implements TopicTagger {
        @Override
        public Tagging tag(String title, String text) {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
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
            return ((BinaryRelevanceModel) model).inspect(top);
        }

        @Override
        public io.rubrique.data.PerTopic<Explanation> explain(String title, String text) {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
            return model.explain(title, text);
        }
    }
}
