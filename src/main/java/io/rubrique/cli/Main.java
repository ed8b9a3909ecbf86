package io.rubrique.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code rubrique}: one picocli subcommand per job.
 *
 * <p>Subcommands are registered in code rather than in the annotation so that a run builds only the command it
 * executes: picocli reflects over every registered command and instantiates it when the command line is built,
 * which for all thirteen cost about half a second of start-up (class loading and interpreted reflection) before
 * any work began. {@link #commandLine()} still registers them all (help, tests, unknown-command suggestions).
 */
@Command(
        name = "rubrique",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Topic tagger for francophone Vietnamese news (Weka, multi-label).")
public final class Main implements java.util.concurrent.Callable<Integer> {
    /** Every subcommand, in the order {@code rubrique --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            RecheckCommand.class,
            AgreementCommand.class,
            QuantifyCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code of {@code rubrique} without a command: a usage error (README: usage errors exit 2). */
    static final int USAGE = 2;

    /** No command given: the usage on stderr, exit 2. */
    @Override
    public Integer call() {
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println("rubrique: a command is required");
        spec.commandLine().usage(err);
        err.flush();
        return USAGE;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("classify")) {
            // what loading and tagging will need is set up on the other core while picocli parses
            io.rubrique.model.ModelArtifact.warmUp();
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand other than {@code help},
     * only that one is registered (it parses and reports errors exactly as with all of them); a lone
     * {@code --version} needs none; anything else gets every subcommand.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        Class<?> only = versionOnly ? null : SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && first.equals(nameOf(c)))
                .findFirst().orElse(null);
        if (!versionOnly) {
            for (Class<?> c : only != null ? List.<Class<?>>of(only) : SUBCOMMANDS) {
                cl.addSubcommand(c);
            }
        }
        RegistryHelp.addLearnerFooters(cl);
        // set after registering: these setters apply to the command and the subcommands it has at that time
        return cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(new ErrorReporter());
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
