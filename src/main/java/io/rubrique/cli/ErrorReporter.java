package io.rubrique.cli;

import io.rubrique.config.ConfigException;
import io.rubrique.model.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear line on stderr and exit code 1. Expected failures (bad config, bad labels,
 * unusable model, I/O) print their message only; anything else also prints its stack trace, as does every failure
 * when RUBRIQUE_DEBUG is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean expected = e instanceof ConfigException || e instanceof ModelLoadException
                || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException;
        cmd.getErr().println("rubrique " + cmd.getCommandName() + ": " + message(e));
        if (!expected || System.getenv("RUBRIQUE_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return 1;
    }

    private static String message(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            // its message is the bare path; say what is wrong with it
            return missing.getFile() + ": no such file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
