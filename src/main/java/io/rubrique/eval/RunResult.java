package io.rubrique.eval;

import java.nio.file.Path;

/** A written run: its folder under the runs directory and the report it holds. */
public record RunResult(Path runDir, RunReport report) {
}
