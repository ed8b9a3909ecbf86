package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique compare}: Compare two runs with a corrected paired t-test. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare two runs with a corrected paired t-test.")
public final class CompareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique compare: not implemented yet");
    }
}
