package io.rubrique.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.eval.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rubrique runs}: List evaluation runs, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List evaluation runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "experiments/runs",
            description = "Where run folders are (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var entries = RunStore.list(runsDir);
        String format = "%-34s %-8s %-16s %6s  %-24s %-7s %-12s%n";
        out.printf(Locale.ROOT, format, "run", "kind", "config", "items", "macro-F1 [95% CI]", "micro", "data");
        for (RunStore.Entry e : entries) {
            if (!e.readable()) {
                err.println("warning: skipping " + e.dir() + ": " + e.problem());
                continue;
            }
            JsonNode r = e.report();
            JsonNode macro = r.path("metrics").path("macro_f1");
            String sha = r.path("data").path("sha256").asText("");
            out.printf(Locale.ROOT, format, r.path("run_id").asText(e.dir().getFileName().toString()),
                    r.path("kind").asText("?"), r.path("config").path("name").asText("?"),
                    r.path("data").path("items").asText("?"), macroText(macro),
                    num(r.path("metrics").path("micro_f1").path("mean")), sha.substring(0, Math.min(12,
                            sha.length())));
        }
        if (entries.isEmpty()) {
            err.println("no runs under " + runsDir);
        }
        out.flush();
        return 0;
    }

    private static String macroText(JsonNode e) {
        JsonNode ci = e.path("ci95");
        String s = num(e.path("mean"));
        if (ci.isArray() && ci.size() == 2) {
            s += " [" + num(ci.get(0)) + ", " + num(ci.get(1)) + "]";
        }
        return s;
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "n/a";
    }
}
