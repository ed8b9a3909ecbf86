package io.rubrique.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rubrique ingest}: Cut raw pages into unlabelled candidate records. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Cut raw pages into unlabelled candidate records.")
public final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("rubrique ingest: not implemented yet");
    }
}
