package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique train}: Train a model from labelled items. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from labelled items.")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique train: not implemented yet");
    }
}
