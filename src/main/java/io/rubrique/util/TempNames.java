package io.rubrique.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of temporary files and directories that say which process made them ({@code .NAME.tmp-PID-RANDOM}), so
 * that leftovers of a killed run can be recognised and removed safely by the next one: a leftover is stale when
 * no process with that id runs, or when the process now holding the id started after the leftover was last
 * written (the id was reused). A live writer's temporary is never touched.
 */
public final class TempNames {
    private static final Pattern TEMP = Pattern.compile("\\..*\\.tmp-(\\d+)-[0-9a-z]+");

    private TempNames() {
    }

    /** A fresh temporary name for {@code target}'s file name, owned by this process. */
    public static String forTarget(String targetName) {
        return "." + targetName + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** The process id a temporary name records, if it is one of ours. */
    static Optional<Long> owner(String name) {
        Matcher m = TEMP.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code p} is a temporary of ours whose writer is gone. */
    public static boolean isStale(Path p) {
        Optional<Long> pid = owner(p.getFileName().toString());
        if (pid.isEmpty()) {
            return false;
        }
        if (pid.get() == ProcessHandle.current().pid()) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid.get());
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = h.get().info().startInstant();
        try {
            FileTime written = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return started.isPresent() && started.get().isAfter(written.toInstant());
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the stale temporaries directly inside {@code dir}; returns how many were removed. */
    public static int cleanStale(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(TempNames::isStale).toList()) {
                AtomicFiles.deleteRecursively(p);
                removed++;
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning is best effort: a leftover that cannot be removed now is tried again next run.
        }
        return removed;
    }
}
