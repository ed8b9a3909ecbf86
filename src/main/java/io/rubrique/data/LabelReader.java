package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads labelled items from a {@code .jsonl} file or a directory of them, with the same checks as
 * {@code rubrique validate}: any problem fails the read with a {@link LabelException} listing them. The topics are
 * those the label set declares ({@link TopicSet#forLabels}) unless given.
 */
public final class LabelReader {
    private LabelReader() {
    }

    /** Reads every labelled record against the topics the label set declares. */
    public static LabelSet read(Path fileOrDir) throws IOException {
        return read(fileOrDir, TopicSet.forLabels(fileOrDir));
    }

    /** Reads every labelled record against {@code topics}; fails with all problems in {@code file:line: field: message}. */
    public static LabelSet read(Path fileOrDir, TopicSet topics) throws IOException {
        List<Path> files = labelFiles(fileOrDir);
        LabelValidator.Result r = new LabelValidator(topics, false).validate(files);
        if (!r.clean()) {
            throw new LabelException(fileOrDir, r.problems());
        }
        List<Path> digested = new ArrayList<>(files);
        Optional<Path> declaration = TopicSet.declarationFor(fileOrDir);
        declaration.ifPresent(digested::add);
        return new LabelSet(fileOrDir, files, topics, r.labelled(), Hashing.sha256(digested));
    }

    /**
     * The label files a path stands for: the file itself, or a directory's labelled {@code *.jsonl} (not the
     * inbox, not the {@link SecondOpinions} file, not hidden files, regular files only: a FIFO or device named {@code *.jsonl} is never opened) by name.
     */
    public static List<Path> labelFiles(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            requireRegularFile(fileOrDir);
            return List.of(fileOrDir);
        }
        try (Stream<Path> s = Files.list(fileOrDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(p -> !p.getFileName().toString().startsWith("inbox"))
                    .filter(p -> !SecondOpinions.isSecondOpinions(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }

    /** Fails naming the path unless it is a regular file (following links). */
    public static void requireRegularFile(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return;
        }
        if (!Files.exists(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(p.toString(), null, "no such file or directory");
        }
        if (Files.isDirectory(p)) {
            throw new IOException(p + ": is a directory, not a label file");
        }
        throw new IOException(p + ": not a regular file (a FIFO, device or broken link?); refusing to read it");
    }
}
