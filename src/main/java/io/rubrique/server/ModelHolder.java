package io.rubrique.server;

import io.rubrique.model.ModelLoadException;
import io.rubrique.model.TopicTagger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swapped atomically on reload. A new model is loaded completely before the swap, so a
 * request that captured {@link #current()} finishes on the model it started with, and a model that fails to load
 * never replaces the one serving.
 *
 * <p>No lock is held while a model loads: a load that takes long (a slow disk, a hostile file running into the
 * loader's deadline) delays neither requests nor another reload. Only the swap is atomic, by compare-and-set.
 * When two reloads overlap, the one started last wins: an earlier one finishing afterwards is refused as
 * {@link Superseded} instead of putting back what is likely an older model.
 */
public final class ModelHolder {
    /** Loads that may run at once; each holds a whole model in memory until it is swapped in or dropped. */
    public static final int MAX_CONCURRENT_LOADS = 2;

    private final ModelLoader loader;
    private final AtomicReference<Held> current;
    /** Reloads are numbered when they start; the model held remembers the number of the reload that made it. */
    private final AtomicLong started = new AtomicLong();
    private final Semaphore loads = new Semaphore(MAX_CONCURRENT_LOADS);

    public ModelHolder(ModelLoader loader, ServedModel initial) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = new AtomicReference<>(new Held(Objects.requireNonNull(initial, "initial"), 0));
    }

    /** Loads {@code dir} with {@code loader} and holds it. */
    public static ModelHolder load(ModelLoader loader, Path dir) throws ModelLoadException {
        return new ModelHolder(loader, ServedModel.of(loadChecked(loader, dir), dir));
    }

    public ServedModel current() {
        return current.get().model();
    }

    /**
     * Loads the model in {@code dir} (the served directory when null) on the calling thread, without any lock,
     * then swaps it in. The reported old model is the one actually replaced.
     *
     * @throws Superseded when a reload started after this one swapped its model in first
     * @throws Busy when {@link #MAX_CONCURRENT_LOADS} loads are already running
     */
    public Reload reload(Path dir) throws ModelLoadException {
        if (!loads.tryAcquire()) {
            throw new Busy();
        }
        long ticket = started.incrementAndGet();
        ServedModel loaded;
        try {
            Path target = dir == null ? current().dir() : dir;
            loaded = ServedModel.of(loadChecked(loader, target), target);
        } finally {
            loads.release();
        }
        Held next = new Held(loaded, ticket);
        while (true) {
            Held before = current.get();
            if (before.ticket() > ticket) {
                throw new Superseded(loaded, before.model());
            }
            if (current.compareAndSet(before, next)) {
                return new Reload(before.model(), loaded);
            }
        }
    }

    private static TopicTagger loadChecked(ModelLoader loader, Path dir) throws ModelLoadException {
        TopicTagger t;
        try {
            t = loader.load(dir);
        } catch (RuntimeException e) {
            throw new ModelLoadException(dir + ": cannot load model: " + e, e);
        }
        if (t == null || t.manifest() == null) {
            throw new ModelLoadException(dir + ": loader returned no model or no manifest");
        }
        return t;
    }

    /** The outcome of a reload: the model replaced and the one now serving. */
    public record Reload(ServedModel before, ServedModel after) {
    }

    /** What is held: the model and the number of the reload that produced it (0 for the initial one). */
    private record Held(ServedModel model, long ticket) {
    }

    /** A reload whose model loaded, but a reload started later had already swapped in its own. */
    public static final class Superseded extends ModelLoadException {
        Superseded(ServedModel loaded, ServedModel serving) {
            super("a reload started later already swapped in model " + serving.ref().sha256() + "; model "
                    + loaded.ref().sha256() + " was loaded but not swapped in");
        }
    }

    /** Too many reloads are loading already; refused at once rather than queued. */
    public static final class Busy extends ModelLoadException {
        Busy() {
            super(MAX_CONCURRENT_LOADS + " reloads are already loading a model; retry when they are done");
        }
    }
}
