package io.rubrique.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks for the writers of one file (label files, the inbox, a model directory), across threads and
 * across processes: an in-process lock per path (the JVM refuses two overlapping file locks of its own) plus an
 * OS file lock on a sidecar {@code .NAME.lock} file, which the OS releases when a process dies, so a kill -9 never
 * leaves a lock behind. Writers re-read the file after taking the lock.
 */
public final class FileLocks {
    /**
     * One lock object per locked path, process-wide: the one piece of static state here, because the OS lock is
     * per process and threads of the same process must queue before it.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Blocks until this thread holds the lock for {@code target}. */
    public static Held exclusive(Path target) throws IOException {
        // Through symbolic links: two links to one file share its lock.
        Path abs = AtomicFiles.throughLinks(target).toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        return hold(parent.resolve("." + abs.getFileName() + ".lock"));
    }

    /**
     * Blocks until this thread holds the lock of a whole directory (a label set: every writer of any of its files
     * takes it), kept in {@code DIR/.lock}.
     */
    public static Held exclusiveDirectory(Path dir) throws IOException {
        Path real = Files.isDirectory(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
        Files.createDirectories(real);
        return hold(real.resolve(".lock"));
    }

    private static Held hold(Path lockFile) throws IOException {
        ReentrantLock local = LOCAL.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock os = ch.lock();
            FileChannel channel = ch;
            return () -> {
                try {
                    os.release();
                    channel.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            throw e;
        }
    }
}
