package io.rubrique.cli;

import io.rubrique.data.GuidelinesCounts;
import io.rubrique.data.ItemKind;
import io.rubrique.data.LabelProblem;
import io.rubrique.data.LabelStats;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelValidator;
import io.rubrique.data.PoolReader;
import io.rubrique.data.SecondOpinions;
import io.rubrique.data.TopicSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique validate}: checks label files and reports every problem as {@code file:line: field: message},
 * then prints counts per topic and kind; optionally keeps the counts table of the guidelines up to date.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check label files and report every problem (stderr), then print counts (stdout).",
            "Exit 0 when clean, 1 when there are problems, a path is missing or the guidelines are stale, 2 on usage errors."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR",
            description = "Label files, or directories whose *.jsonl files are checked (default: labels). inbox*"
                    + " files are pools of items to label: checked as such, without topics, and an item both in the"
                    + " inbox and labelled is not a duplicate.")
    List<Path> paths = new ArrayList<>(List.of(Path.of("labels")));

    @Option(names = "--guidelines", paramLabel = "FILE",
            description = "Rewrite the counts block (between <!-- counts:start --> and <!-- counts:end -->) of"
                    + " this Markdown file.")
    Path guidelines;

    @Option(names = "--check-guidelines", paramLabel = "FILE",
            description = "Exit 1 if the counts block of this Markdown file does not match the labels.")
    Path checkGuidelines;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return validate(files(), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int validate(List<Path> files, PrintWriter out, PrintWriter err) throws IOException {
        TopicSet topics = TopicSet.forLabels(paths.isEmpty() ? Path.of("labels") : paths.get(0));
        // The inbox is a pool of items to label, not labels: its records are checked as a pool (the same field
        // rules, ids unique within the pool), and an item labelled since it was ingested is not its duplicate.
        List<Path> pools = files.stream().filter(ValidateCommand::isPool).toList();
        List<Path> labelFiles = files.stream().filter(f -> !isPool(f) && !SecondOpinions.isSecondOpinions(f))
                .toList();
        LabelValidator.Result r = new LabelValidator(topics, false).validate(labelFiles);
        PoolReader.Checked pool = PoolReader.check(pools);
        List<LabelProblem> problems = new ArrayList<>(r.problems());
        // second opinions (label --overlap) are checked like labels, against the items they give an opinion on
        for (Path f : files.stream().filter(SecondOpinions::isSecondOpinions).toList()) {
            problems.addAll(SecondOpinions.problems(f, topics, r.labelled()));
        }
        problems.addAll(pool.problems());
        problems.stream().map(LabelProblem::toString).forEach(err::println);
        LabelStats stats = LabelStats.of(topics, r.labelled());
        out.printf("%d file(s), %d record(s), %d problem(s)%n", files.size(), r.records() + pool.lines(),
                problems.size());
        out.printf("labelled items: %d (article %d, teaser %d); unlabelled (inbox): %d%n", stats.items(null),
                stats.items(ItemKind.ARTICLE), stats.items(ItemKind.TEASER), pool.records().size());
        out.print(stats.textTable());
        if (!problems.isEmpty()) {
            if (guidelines != null || checkGuidelines != null) {
                err.println("rubrique validate: guidelines counts not updated or checked: fix the problems first");
            }
            return 1;
        }
        try {
            if (guidelines != null) {
                boolean changed = GuidelinesCounts.update(guidelines, stats);
                out.println(guidelines + ": counts " + (changed ? "updated" : "already current"));
            }
            if (checkGuidelines != null && !GuidelinesCounts.isCurrent(checkGuidelines, stats)) {
                err.println(checkGuidelines + ": counts block is stale; run: rubrique validate --guidelines "
                        + checkGuidelines);
                return 1;
            }
        } catch (IllegalArgumentException e) {
            err.println("rubrique validate: " + e.getMessage() + " in " + (guidelines != null ? guidelines
                    : checkGuidelines));
            return 1;
        }
        return 0;
    }

    /** An inbox ({@code inbox*.jsonl}, what {@code ingest} writes): a pool of items to label. */
    private static boolean isPool(Path f) {
        return f.getFileName().toString().startsWith("inbox");
    }

    /**
     * Every regular {@code *.jsonl} of the directories (sorted) and the files, each once. A missing path is bad
     * input (exit 1, as in every command); a FIFO or device named {@code *.jsonl} in a directory is skipped with a
     * note, never opened (it could block forever).
     */
    private List<Path> files() throws IOException {
        for (Path g : new Path[] {guidelines, checkGuidelines}) {
            if (g != null) {
                LabelReader.requireRegularFile(g);
            }
        }
        Set<Path> files = new LinkedHashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                        if (Files.isRegularFile(f)) {
                            files.add(f);
                        } else {
                            spec.commandLine().getErr().println(f + ": not a regular file, skipped");
                        }
                    }
                }
            } else {
                LabelReader.requireRegularFile(p);
                files.add(p);
            }
        }
        return List.copyOf(files);
    }
}
