package io.rubrique.server;

import io.rubrique.model.ModelArtifact;
import io.rubrique.model.ModelLoadException;
import io.rubrique.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --watch}: polls the served directory and reloads when the version it stands for changes: when
 * {@code CURRENT} names another version (what {@code rubrique train} does), or when the manifest of that version
 * (or of the served directory itself, when it is a version directory) changes.
 * A manifest that fails to load is remembered, so a broken model is reported once rather than at every poll, and
 * the model serving keeps serving.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    /** What a change triggers: a reload of the served directory. */
    @FunctionalInterface
    public interface Reloader {
        void reload() throws ModelLoadException;
    }

    private final Supplier<Path> modelDir;
    private final Reloader reloader;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private String lastSeen;

    public ModelWatcher(Supplier<Path> modelDir, Reloader reloader, Duration interval) {
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.lastSeen = fingerprint();
    }

    /** Starts polling on a daemon thread. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rubrique-model-watcher");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        executor.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One check: reloads when the manifest differs from the last one seen. True when a reload succeeded. */
    public synchronized boolean poll() {
        String now = fingerprint();
        if (now == null || now.equals(lastSeen)) {
            return false;
        }
        lastSeen = now;
        try {
            reloader.reload();
            return true;
        } catch (ModelLoadException e) {
            LOG.warn("model directory {} changed but cannot be loaded; still serving the previous model: {}",
                    modelDir.get(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("unexpected error reloading {}", modelDir.get(), e);
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /**
     * The version the served directory stands for (what {@code CURRENT} names, or the directory itself when it is
     * a version directory holding {@code manifest.json}) with the SHA-256 of that version's manifest; null while
     * there is none (e.g. mid-replacement).
     */
    private String fingerprint() {
        Path dir = modelDir.get();
        Path manifest = null;
        try {
            Path version = ModelArtifact.resolve(dir);
            manifest = version.resolve(ModelArtifact.MANIFEST_FILE);
            return version.getFileName() + " " + Hashing.sha256(Files.readAllBytes(manifest));
        } catch (ModelLoadException | NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", manifest, e.getMessage());
            return null;
        }
    }
}
