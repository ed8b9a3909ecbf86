package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique evaluate}: Cross-validate a config and write a run report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Cross-validate a config and write a run report.")
public final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique evaluate: not implemented yet");
    }
}
