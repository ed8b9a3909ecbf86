package io.rubrique.cli;

import io.rubrique.active.Simulation;
import io.rubrique.active.SimulationReport;
import io.rubrique.active.SimulationWriter;
import io.rubrique.active.Strategies;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.RunWriter;
import io.rubrique.util.Versions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique simulate}: does choosing what to label pay on this data? Hides the labels of {@code --labels},
 * lets each strategy query batches from them (the labels as the oracle), retrains after each batch, scores every
 * round on items no strategy may query, and writes a run report like {@code train}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Learning curves of the selection strategies on your own labelled data.",
            "The labels of --labels are hidden and revealed as each strategy queries them, batch by batch; after "
                + "every batch the model is retrained and scored on --test (or on a held-back share of --labels that "
                + "no strategy may query). Writes the report (JSON, Markdown and HTML) under the runs directory."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--labels", paramLabel = "FILE", arity = "1..*", required = true,
            description = "Labelled items whose labels are hidden and queried (the oracle).")
    List<Path> labels;

    @Option(names = "--start-with", paramLabel = "FILE|DIR",
            description = "Labelled items every strategy starts with (e.g. labels/snippets.jsonl).")
    Path startWith;

    @Option(names = "--test", paramLabel = "FILE", description = "Scored every round; default: hold back --hold-back of --labels.")
    Path test;

    @Option(names = "--hold-back", paramLabel = "SHARE", description = "Share of --labels held back for scoring when there is no --test (default: ${DEFAULT-VALUE}).")
    double holdBack = 0.25;

    @Option(names = "--start", paramLabel = "N", description = "Items of --labels added to the start at random (default: 0 with --start-with, else 20).")
    Integer start;

    @Option(names = "--batch", paramLabel = "K", description = "Labels queried per round (default: ${DEFAULT-VALUE}).")
    int batch = 10;

    @Option(names = "--budget", paramLabel = "B", description = "Labels queried in all (default: ${DEFAULT-VALUE}).")
    int budget = 150;

    @Option(names = "--strategies", paramLabel = "a,b", split = ",",
            completionCandidates = RegistryHelp.StrategyNames.class,
            description = "Strategies to compare, from ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<String> strategies = new ArrayList<>(Strategies.compared());

    @Option(names = "--repeats", paramLabel = "R", description = "Repeats, each with its own held-back items and draws (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    /** The experiment config trained every round. */
    @Mixin
    SharedOptions.Config config;

    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--threads", description = "Parallel simulations (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Where the run folder goes (default: ${DEFAULT-VALUE}).")
    Path runsDir = Path.of("experiments/runs");

    @Option(names = "--unlabelled", paramLabel = "FILE", arity = "1..*",
            description = "Unlabelled items for the config's unlabelled method (never scored).")
    List<Path> unlabelled;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentConfig cfg = config.read(err);
        List<String> named = strategies.stream().map(s -> "default".equals(s) ? Strategies.DEFAULT : s).toList();
        if (!named.contains(Strategies.BASELINE)) {
            err.println("note: adding the " + Strategies.BASELINE
                    + " baseline, which the report compares every strategy with");
            named = new ArrayList<>(named);
            named.add(Strategies.BASELINE);
        }
        Instant started = Instant.now();
        LabelSet first = LabelReader.read(labels.get(0));
        TopicSet topics = first.topics();
        Map<String, DataProvenance> data = new LinkedHashMap<>();
        List<LabelledItem> oracle = new ArrayList<>();
        for (Path p : labels) {
            LabelSet s = p.equals(labels.get(0)) ? first : LabelReader.read(p, topics);
            oracle.addAll(s.items());
            data.put("oracle " + p.getFileName(), s.provenance());
        }
        if (oracle.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", labels.stream().map(Path::toString).toList())
                    + ": no labelled items to simulate with (--labels is empty)");
        }
        List<LabelledItem> startItems = List.of();
        if (startWith != null) {
            LabelSet s = LabelReader.read(startWith, topics);
            startItems = s.items();
            data.put("start", s.provenance());
        }
        List<LabelledItem> testItems = List.of();
        if (test != null) {
            LabelSet s = LabelReader.read(test, topics);
            testItems = s.items();
            if (testItems.isEmpty()) {
                throw new IllegalArgumentException(test + ": the test file has no labelled items; give one that"
                        + " has, or drop --test to score a held-back share of --labels");
            }
            data.put("test", s.provenance());
        }
        refuseOverlap(startItems, oracle, testItems);
        int draws = start != null ? start : startWith != null ? 0 : 20;
        List<io.rubrique.data.Snippet> extra = List.of();
        if (unlabelled != null && !unlabelled.isEmpty()) {
            io.rubrique.data.PoolReader.Pool pool = io.rubrique.data.PoolReader.read(unlabelled);
            extra = pool.items();
            data.put("unlabelled", new DataProvenance(String.join(", ", unlabelled.stream()
                    .map(DataProvenance::displayPath).toList()), pool.sha256(), extra.size(), Map.of()));
        }
        Simulation.Setup setup = new Simulation.Setup(topics, startItems, oracle, testItems, holdBack, draws, batch,
                budget, named, repeats, seed.or(cfg), cfg, Math.max(1, threads), extra);
        err.printf(Locale.ROOT, "simulating %s: %d repeat(s), batches of %d up to %d queried labels...%n",
                String.join(", ", named), repeats, batch, budget);
        err.flush();
        AtomicInteger done = new AtomicInteger();
        Simulation.Result result = new Simulation(setup).run(step -> {
            if (done.incrementAndGet() % 10 == 0) {
                err.println("  " + step);
                err.flush();
            }
        });
        String runId = RunWriter.freeId(runsDir, RunWriter.baseId(started, "simulate-" + cfg.name()));
        SimulationReport report = SimulationReport.of(runId, started.toString(), Instant.now().toString(), result,
                data, test != null ? DataProvenance.displayPath(test) : String.format(Locale.ROOT,
                        "held back: %.0f%% of the oracle per repeat (stratified)", holdBack * 100),
                Versions.libraries(), Versions.codeRevision(Path.of(".")));
        Path dir = SimulationWriter.write(report, runsDir);
        out.println("run: " + dir);
        out.println("report: " + dir.resolve("report.html") + " (also report.md, report.json)");
        out.println(report.summary());
        out.flush();
        return 0;
    }

    private static void refuseOverlap(List<LabelledItem> start, List<LabelledItem> oracle, List<LabelledItem> test) {
        Set<String> ids = new HashSet<>();
        for (List<LabelledItem> part : List.of(start, oracle, test)) {
            for (LabelledItem i : part) {
                if (!ids.add(i.id())) {
                    throw new IllegalArgumentException("item " + i.id() + " is in more than one of --start-with, "
                            + "--labels and --test (or twice in --labels)");
                }
            }
        }
    }
}
