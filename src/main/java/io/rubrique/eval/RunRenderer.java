package io.rubrique.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Writes one part of a run folder (report.json, predictions, charts, Markdown, HTML) into a fresh directory. */
@FunctionalInterface
public interface RunRenderer {
    /**
     * @param charts PNG bytes by file name (e.g. {@code f1.png}), rendered once for all renderers
     * @param dir    the run folder under construction (a temporary directory until every renderer is done)
     */
    void render(RunOutcome outcome, Map<String, byte[]> charts, Path dir) throws IOException;
}
