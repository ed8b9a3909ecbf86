package io.rubrique.cli;

import io.rubrique.eval.RunComparison;
import io.rubrique.eval.RunComparison.Comparison;
import io.rubrique.eval.RunComparison.IncomparableRunsException;
import io.rubrique.eval.RunComparison.MetricComparison;
import io.rubrique.eval.RunStore;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rubrique compare}: Compare two runs with a corrected paired t-test. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two runs on the same data and folds with the Nadeau-Bengio corrected resampled "
                + "t-test (exit 1 when they are not comparable).")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "Run folder or run id.")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Run folder or run id.")
    String runB;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "experiments/runs",
            description = "Where run ids are looked up (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Comparison c;
        try {
            c = RunComparison.compare(RunStore.read(RunStore.resolve(runA, runsDir)),
                    RunStore.read(RunStore.resolve(runB, runsDir)));
        } catch (IOException e) {
            err.println("rubrique compare: " + e.getMessage());
            return 1;
        } catch (IncomparableRunsException e) {
            err.println("rubrique compare: cannot compare: " + e.getMessage());
            return 1;
        }
        if (json) {
            out.println(Json.prettyMapper().writeValueAsString(c));
        } else {
            print(out, c);
        }
        out.flush();
        return 0;
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void print(PrintWriter out, Comparison c) {
        out.println("A = " + c.runA());
        out.println("B = " + c.runB());
        out.printf(Locale.ROOT, "same data (sha256 %s), same %d folds x %d repeats; corrected resampled t-test, "
                + "df = %d, n_test/n_train = %.3f%n%n", c.dataSha256().substring(0, Math.min(12,
                        c.dataSha256().length())), c.folds(), c.repeats(), c.folds() * c.repeats() - 1,
                c.testTrainRatio());
        out.println("report: the figure each run's report (and `runs`) shows, on the out-of-fold predictions pooled");
        out.println("per repeat. fold mean: the mean of the " + c.folds() * c.repeats() + " per-fold values the test"
                + " pairs; diff = B - A of those.");
        out.printf(Locale.ROOT, "%-26s %9s %9s %11s %11s %8s %7s %7s%n", "metric", "A report", "B report",
                "A fold mean", "B fold mean", "diff", "t", "p");
        for (MetricComparison m : c.metrics()) {
            out.printf(Locale.ROOT, "%-26s %9s %9s %11.4f %11.4f %+8.4f %7.3f %7.4f%n", m.metric(),
                    figure(m.reportA()), figure(m.reportB()), m.foldMeanA(), m.foldMeanB(), m.diff(), m.t(), m.p());
        }
        out.println();
        for (MetricComparison m : c.metrics()) {
            out.println(m.verdict());
        }
    }
}
