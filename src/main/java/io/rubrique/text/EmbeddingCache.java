package io.rubrique.text;

import io.rubrique.util.TempNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Vectors by content key, in memory (bounded, least recently used first out) and on disk under
 * {@code <root>/<encoder id>-<weights digest>-v<version>/<2 hex>/<key>.f32}, so another encoder, other weights or
 * another way of computing or storing vectors never read each other's vectors. A record is written to a temporary name and renamed into place
 * (readers see a whole record or none) and carries its length and a CRC-32, so a record torn by a crash is ignored
 * and embedded again. The directory is bounded: past {@code maxFiles} records the least recently written are
 * removed. Being a cache, it never fails a caller: a directory that cannot be written leaves the memory tier alone.
 * Thread-safe; several processes may share it.
 */
final class EmbeddingCache {
    /** Layout of a record (magic, format, length, floats, CRC). */
    static final int FORMAT = 1;
    /**
     * Version of the directory: bumped whenever vectors or records change. 2: the encoder cuts a text on token ids
     * (version 1 cut by character count, one character short after an emoji; the seed and pool texts at 128 tokens
     * came out bit for bit equal).
     */
    static final int VERSION = 2;
    private static final int MAGIC = 0x52454d42; // "REMB"
    static final int DEFAULT_MAX_FILES = 200_000;
    private static final int MAX_IN_MEMORY = 20_000;
    private static final int PRUNE_EVERY = 1_000;

    private final Path dir;
    private final int dimension;
    private final int maxFiles;
    private final Map<String, float[]> memory = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > MAX_IN_MEMORY;
        }
    };
    private final AtomicInteger writesSincePrune = new AtomicInteger();
    private volatile boolean diskBroken;

    EmbeddingCache(Path dir, int dimension, int maxFiles) {
        this.dir = dir;
        this.dimension = dimension;
        this.maxFiles = maxFiles;
    }

    /** The cache of {@code p}'s vectors under {@code root}. */
    static EmbeddingCache open(Path root, TextEncoder.Provider p) {
        return new EmbeddingCache(root.resolve(p.id() + "-" + p.weightsSha256().substring(0, 16) + "-v" + VERSION),
                p.dimension(), DEFAULT_MAX_FILES);
    }

    Path directory() {
        return dir;
    }

    float[] get(String key) {
        synchronized (memory) {
            float[] v = memory.get(key);
            if (v != null) {
                return v;
            }
        }
        float[] v = read(file(key));
        if (v != null) {
            remember(key, v);
        }
        return v;
    }

    void put(String key, float[] v) {
        remember(key, v);
        if (diskBroken) {
            return;
        }
        Path target = file(key);
        Path tmp = target.resolveSibling(TempNames.forTarget(target.getFileName().toString()));
        try {
            Files.createDirectories(target.getParent());
            Files.write(tmp, encode(v));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException e) {
            diskBroken = true;
            System.err.println("rubrique: embedding cache " + dir + " not writable (" + e.getMessage()
                    + "); keeping vectors in memory only");
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary is removed by the next prune
            }
        }
        if (writesSincePrune.incrementAndGet() >= PRUNE_EVERY) {
            writesSincePrune.set(0);
            prune();
        }
    }

    private void remember(String key, float[] v) {
        synchronized (memory) {
            memory.put(key, v);
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".f32");
    }

    private byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * v.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(FORMAT).putInt(v.length);
        for (float x : v) {
            b.putFloat(x);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        return b.array();
    }

    /** The record's vector, or null when it is absent, torn, of another format or another length. */
    private float[] read(Path f) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (bytes.length != 12 + 4 * dimension + 8) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC || b.getInt() != FORMAT || b.getInt() != dimension) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() != crc.getValue()) {
            return null;
        }
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    /** Removes stale temporaries, then the least recently written records beyond {@code maxFiles} (down to 90%). */
    void prune() {
        List<Path> records = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                if (p.getFileName().toString().endsWith(".f32")) {
                    records.add(p);
                } else if (TempNames.isStale(p)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // another process removed it, or it cannot be removed: harmless
                    }
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return;
        }
        if (records.size() <= maxFiles) {
            return;
        }
        Map<Path, FileTime> times = new java.util.HashMap<>();
        for (Path p : records) {
            try {
                times.put(p, Files.getLastModifiedTime(p));
            } catch (IOException e) {
                times.put(p, FileTime.fromMillis(0));
            }
        }
        records.sort(Comparator.comparing(times::get));
        int remove = records.size() - maxFiles * 9 / 10;
        for (int i = 0; i < remove; i++) {
            try {
                Files.deleteIfExists(records.get(i));
            } catch (IOException ignored) {
                // left for the next prune
            }
        }
    }
}
