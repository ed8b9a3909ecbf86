package io.rubrique.server;

import io.rubrique.model.ModelLoadException;
import io.rubrique.model.TopicTagger;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swapped atomically on reload. A new model is loaded completely before the swap, so a
 * request that captured {@link #current()} finishes on the model it started with, and a model that fails to load
 * never replaces the one serving.
 */
public final class ModelHolder {
    private final ModelLoader loader;
    private final AtomicReference<ServedModel> current;

    public ModelHolder(ModelLoader loader, ServedModel initial) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Loads {@code dir} with {@code loader} and holds it. */
    public static ModelHolder load(ModelLoader loader, Path dir) throws ModelLoadException {
        return new ModelHolder(loader, ServedModel.of(loadChecked(loader, dir), dir));
    }

    public ServedModel current() {
        return current.get();
    }

    /**
     * Loads the model in {@code dir} (the served directory when null) and swaps it in. Reloads are serialized so
     * that the reported old model is the one actually replaced.
     */
    public synchronized Reload reload(Path dir) throws ModelLoadException {
        ServedModel old = current.get();
        Path target = dir == null ? old.dir() : dir;
        ServedModel loaded = ServedModel.of(loadChecked(loader, target), target);
        current.set(loaded);
        return new Reload(old, loaded);
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
}
