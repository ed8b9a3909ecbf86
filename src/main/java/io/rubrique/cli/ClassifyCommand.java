package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique classify}: Tag snippets with a trained model. */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "Tag snippets with a trained model.")
public final class ClassifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique classify: not implemented yet");
    }
}
