package io.rubrique.data;

import java.nio.file.Path;

/** One problem in a label file, printed as {@code file:line: field: message} so editors can jump to it. */
public record LabelProblem(Path file, int line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
