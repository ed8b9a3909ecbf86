package io.rubrique.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes that either complete or leave nothing behind: content goes to a temporary sibling named after this
 * process ({@link TempNames}), is forced to disk, and is then renamed over the target, after which the directory
 * entry is forced too. Readers never see a half-written model, report or label file, and a crash or kill -9 at
 * any moment leaves either the old content or the new.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a fresh directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Replaces {@code target} with what {@code writer} writes. An existing target keeps its permissions (a 0644
     * inbox stays 0644). Stale temporaries of killed writers beside the target are removed first. A target that is
     * a symbolic link is written through: the file it points to is replaced, the link stays (a label file shared by
     * a link keeps receiving what is written through it); a link to nothing is refused.
     */
    public static void write(Path link, StreamWriter writer) throws IOException {
        Path target = throughLinks(link);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        TempNames.cleanStale(dir);
        Path tmp = dir.resolve(TempNames.forTarget(target.getFileName().toString()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            copyPermissions(target, tmp);
            move(tmp, target);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The file a write to {@code path} must replace: {@code path} itself, or, when it is a symbolic link, the file
     * it finally points to.
     *
     * @throws IOException naming the link when it points to nothing (writing would replace the link)
     */
    public static Path throughLinks(Path path) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            return path;
        }
        if (!Files.exists(path)) {
            throw new IOException(path + ": is a symbolic link to " + Files.readSymbolicLink(path)
                    + ", which does not exist; refusing to replace the link with a file (create the target or"
                    + " remove the link)");
        }
        return path.toRealPath();
    }

    /**
     * Builds a whole new directory under a temporary name beside {@code target} and renames it into place in
     * one step; fails if {@code target} exists (directories are never replaced: models use versioned
     * subdirectories and a pointer file instead).
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        TempNames.cleanStale(parent);
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "already exists");
        }
        Path tmp = Files.createDirectory(parent.resolve(TempNames.forTarget(abs.getFileName().toString())));
        try {
            writer.write(tmp);
            forceTree(tmp);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(parent);
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** Renames atomically, replacing the target (falls back to a plain move where the file system cannot). */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a directory's entries to disk (where the platform allows opening a directory). */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
        }
    }

    /** Forces every file under {@code dir}, then the directories. */
    public static void forceTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    forceDirectory(p);
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from) || !Files.getFileStore(to).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
        Files.setPosixFilePermissions(to, perms);
    }

    public static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
