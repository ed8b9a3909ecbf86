package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique validate}: Check label files and report every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check label files and report every problem.")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique validate: not implemented yet");
    }
}
