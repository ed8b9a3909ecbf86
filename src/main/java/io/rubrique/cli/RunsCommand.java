package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique runs}: List evaluation runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List evaluation runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique runs: not implemented yet");
    }
}
