package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique serve}: Serve a model over HTTP. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve a model over HTTP.")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique serve: not implemented yet");
    }
}
