package io.rubrique.data;

import io.rubrique.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads labelled items from a {@code .jsonl} file or a directory of them, with the same checks as
 * {@code rubrique validate}: any problem fails the read with a {@link LabelException} listing them.
 */
public final class LabelReader {
    private LabelReader() {
    }

    /** Reads every labelled record; fails with all problems (up to 20 listed) in {@code file:line: field: message}. */
    public static LabelSet read(Path fileOrDir) throws IOException {
        List<Path> files = labelFiles(fileOrDir);
        LabelValidator.Result r = new LabelValidator(false).validate(files);
        if (!r.clean()) {
            throw new LabelException(fileOrDir, r.problems());
        }
        return new LabelSet(fileOrDir, files, r.labelled(), Hashing.sha256(files));
    }

    /** The label files a path stands for: the file itself, or a directory's labelled {@code *.jsonl} by name. */
    public static List<Path> labelFiles(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.isRegularFile(fileOrDir)) {
                throw new IOException(fileOrDir + ": no such label file or directory");
            }
            return List.of(fileOrDir);
        }
        try (Stream<Path> s = Files.list(fileOrDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(p -> !p.getFileName().toString().startsWith("inbox"))
                    .sorted()
                    .toList();
        }
    }
}
