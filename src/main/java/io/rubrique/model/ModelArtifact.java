package io.rubrique.model;

import io.rubrique.util.AtomicFiles;
import io.rubrique.util.FileLocks;
import io.rubrique.util.Hashing;
import io.rubrique.util.TempNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * Loading one version is {@link VerifiedLoad}'s: the manifest's checks, the file's SHA-256, filtered
 * deserialization with a deadline, agreement of manifest and model ({@link ManifestDiff}).
 */
public final class ModelArtifact {
    public static final String MODEL_FILE = "model.ser";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String POINTER = "CURRENT";
    public static final String VERSIONS = "versions";
    /** Versions kept besides the current one. */
    static final int KEEP_VERSIONS = 5;
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
                    // the manifest too: a loaded model binds its provenance lazily
                    VerifiedLoad.loadVersion(tmp).manifest();
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
        if (!all.isEmpty()) {
            return notALink(all.get(0));
        }
        throw new ModelLoadException(dir + ": not a model directory (no " + POINTER + ", no " + VERSIONS
                + "/, no " + MANIFEST_FILE + "); train one with: rubrique train --model " + dir);
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
        return VerifiedLoad.readManifestOf(resolve(dir));
    }

    /**
     * Loads the model {@code dir} stands for. When the pointer is missing or names a broken version, the newest
     * version that loads is used (what a kill during {@link #save} can leave).
     */
    public static TopicTagger load(Path dir) throws ModelLoadException {
        warmUp();
        WekaEnvironment.quiet();
        if (Files.isRegularFile(dir.resolve(MANIFEST_FILE)) && !Files.exists(dir.resolve(POINTER))) {
            return VerifiedLoad.loadVersion(dir);
        }
        Optional<Path> pointed = pointed(dir);
        if (pointed.isPresent()) {
            return VerifiedLoad.loadVersion(pointed.get());
        }
        ModelLoadException first = null;
        for (Path v : versionsNewestFirst(dir)) {
            try {
                return VerifiedLoad.loadVersion(notALink(v));
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

    /**
     * A version directory, refused when it is a symbolic link: a model loads only from files its own model
     * directory holds, so a link cannot swap in a model from elsewhere.
     */
    private static Path notALink(Path version) throws ModelLoadException {
        if (Files.isSymbolicLink(version)) {
            throw new ModelLoadException(version + ": version directory is a link (links are refused; a model"
                    + " loads only from its own model directory)");
        }
        return version;
    }

    private static Optional<Path> pointed(Path dir) throws ModelLoadException {
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
            return Files.isRegularFile(v.resolve(MANIFEST_FILE)) ? Optional.of(notALink(v)) : Optional.empty();
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
}
