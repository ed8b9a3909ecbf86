package io.rubrique.cli;

import io.rubrique.config.ConfigException;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.model.LearnerRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads experiment configs for the commands: the config's own checks plus the learner and encoder registries'. */
final class ConfigFiles {
    static final Path DEFAULT = Path.of("experiments/default.json");

    private ConfigFiles() {
    }

    /** Reads and validates a config file; every error names the file and the field. */
    static ExperimentConfig read(Path file) {
        ExperimentConfig c = ExperimentConfig.read(file);
        List<String> problems = new java.util.ArrayList<>(LearnerRegistry.standard().problems(c.learner()));
        String encoder = c.features().encoder().model();
        if (c.features().encoder().enabled() && !io.rubrique.text.TextEncoders.ids().contains(encoder)) {
            problems.add("features.encoder.model: unknown encoder '" + encoder + "' (known: "
                    + io.rubrique.text.TextEncoders.ids() + ", or 'none')");
        }
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
