package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options several commands share, declared once with one default each and added with picocli's {@code @Mixin}
 * (so {@code --labels}, {@code --config}, {@code --model} and {@code --seed} mean the same everywhere).
 */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --labels}: the label set. */
    static final class Labels {
        @Option(names = "--labels", paramLabel = "FILE|DIR",
                description = "Labelled items: a .jsonl file or a directory of them, with its topics.json "
                        + "(default: ${DEFAULT-VALUE}).")
        Path path = Path.of("labels");
    }

    /** {@code --config}: the experiment config. */
    static final class Config {
        @Option(names = "--config", paramLabel = "FILE",
                description = "Experiment config (default: experiments/default.json; the built-in defaults when it is"
                        + " absent).")
        Path file;

        /** The given config, else experiments/default.json, else the built-in defaults (with a note). */
        ExperimentConfig read(PrintWriter err) {
            return ConfigFiles.readOrDefault(file, err);
        }
    }

    /** {@code --model}: a model directory. */
    static final class Model {
        static final Path DEFAULT = Path.of("models/default");

        @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: models/default).")
        Path dir;

        Path orDefault() {
            return dir != null ? dir : DEFAULT;
        }

        boolean given() {
            return dir != null;
        }
    }

    /** {@code --seed}: the run's seed. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the config's evaluation.seed).")
        Long value;

        long or(ExperimentConfig config) {
            return value != null ? value : config.evaluation().seed();
        }
    }
}
