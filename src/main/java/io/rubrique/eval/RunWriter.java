package io.rubrique.eval;

import io.rubrique.eval.report.Charts;
import io.rubrique.eval.report.HtmlReport;
import io.rubrique.eval.report.JsonFiles;
import io.rubrique.eval.report.MarkdownReport;
import io.rubrique.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a run folder {@code <runsDir>/<yyyyMMdd'T'HHmmss'Z'>-<config name>/} all at once: every renderer fills a
 * temporary directory, which is renamed into place only when all succeeded, so a failed run leaves nothing. A
 * second run in the same second gets a {@code -2}, {@code -3}... suffix instead of replacing the first.
 */
public final class RunWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<RunRenderer> renderers;

    public RunWriter(List<RunRenderer> renderers) {
        this.renderers = List.copyOf(renderers);
    }

    /** report.json, predictions.jsonl (+ test_predictions.jsonl), charts/*.png, report.md, report.html. */
    public static RunWriter standard() {
        return new RunWriter(List.of(JsonFiles::write, Charts::writeFiles, MarkdownReport::write,
                HtmlReport::write));
    }

    /** The folder name of a run started at {@code start} with the given config. */
    public static String baseId(Instant start, String configName) {
        return STAMP.format(start) + "-" + configName;
    }

    /** A run id under {@code runsDir} not yet taken: {@code base}, else {@code base-2}, {@code base-3}... */
    public static String freeId(Path runsDir, String base) {
        String id = base;
        for (int k = 2; Files.exists(runsDir.resolve(id)); k++) {
            id = base + "-" + k;
        }
        return id;
    }

    /** Renders the outcome into {@code runsDir/<its run id>}; returns that folder. */
    public Path write(RunOutcome outcome, Path runsDir) throws IOException {
        Path dir = runsDir.resolve(outcome.report().runId());
        if (Files.exists(dir)) {
            throw new IOException(dir + ": run folder already exists");
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            readableByAll(tmp);
            Map<String, byte[]> charts = Charts.render(outcome.report());
            for (RunRenderer r : renderers) {
                r.render(outcome, charts, tmp);
            }
        });
        return dir;
    }

    /** Temporary directories are owner-only; a finished run folder is as readable as any other file. */
    private static void readableByAll(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
