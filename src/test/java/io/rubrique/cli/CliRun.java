package io.rubrique.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command in-process with captured stdout and stderr, reporting errors the way {@link Main} does. */
final class CliRun {
    private CliRun() {
    }

    /** Exit code and what the command printed. */
    record Outcome(int code, String out, String err) {
    }

    /** {@code rubrique ARGS…} through the real command line. */
    static Outcome rubrique(String... args) {
        return run(Main.commandLine(), args);
    }

    /** One command object (e.g. built with a fake trainer) with the CLI's error reporting. */
    static Outcome command(Object command, String... args) {
        return run(new CommandLine(command).setExecutionExceptionHandler(new ErrorReporter()), args);
    }

    private static Outcome run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
