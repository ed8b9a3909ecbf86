package io.rubrique.data;

import io.rubrique.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The generated counts block of the labelling guidelines (Markdown between {@code <!-- counts:start -->} and
 * {@code <!-- counts:end -->}), so that the numbers quoted there always match the label files.
 */
public final class GuidelinesCounts {
    public static final String START = "<!-- counts:start -->";
    public static final String END = "<!-- counts:end -->";

    private GuidelinesCounts() {
    }

    /** The document with its counts block replaced by the current table; fails if the markers are missing. */
    public static String render(String markdown, LabelStats stats) {
        int start = markdown.indexOf(START);
        int end = markdown.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no '" + START + "' … '" + END + "' block");
        }
        return markdown.substring(0, start) + START + "\n" + stats.markdown() + markdown.substring(end);
    }

    /** Rewrites the file's block if it changed; returns whether it did. */
    public static boolean update(Path file, LabelStats stats) throws IOException {
        String old = Utf8.readStrict(file);
        String updated = render(old, stats);
        if (updated.equals(old)) {
            return false;
        }
        AtomicFiles.writeString(file, updated);
        return true;
    }

    /** True when the file's block already shows these counts. */
    public static boolean isCurrent(Path file, LabelStats stats) throws IOException {
        String old = Utf8.readStrict(file);
        return render(old, stats).equals(old);
    }
}
