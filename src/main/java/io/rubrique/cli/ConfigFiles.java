package io.rubrique.cli;

import io.rubrique.config.ConfigException;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.model.LearnerRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads experiment configs for the commands: the config's own checks plus the learner registry's. */
final class ConfigFiles {
    static final Path DEFAULT = Path.of("experiments/default.json");

    private ConfigFiles() {
    }

    /** Reads and validates a config file; every error names the file and the field. */
    static ExperimentConfig read(Path file) {
        ExperimentConfig c = ExperimentConfig.read(file);
        List<String> problems = LearnerRegistry.standard().problems(c.learner());
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + String.join("; ", problems));
        }
        return c;
    }

    /** The given config, else experiments/default.json, else the built-in defaults (with a note on stderr). */
    static ExperimentConfig readOrDefault(Path file, PrintWriter err) {
        if (file != null) {
            return read(file);
        }
        if (Files.exists(DEFAULT)) {
            return read(DEFAULT);
        }
        err.println("note: " + DEFAULT + " not found, using the built-in default config");
        return ExperimentConfig.defaults();
    }
}
