package io.rubrique.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code rubrique}: one picocli subcommand per job. */
@Command(
        name = "rubrique",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Topic tagger for francophone Vietnamese news (Weka, multi-label).",
        subcommands = {
            IngestCommand.class,
            ValidateCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ClassifyCommand.class,
            CompareCommand.class,
            RunsCommand.class,
            ServeCommand.class,
            SuggestCommand.class,
            SimulateCommand.class,
            LabelCommand.class,
            InspectCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter());
    }
}
