package io.rubrique.cli;

import io.rubrique.data.CandidatePool;
import io.rubrique.data.Inbox;
import io.rubrique.data.PageParser;
import io.rubrique.data.ParsedPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rubrique ingest}: cuts raw pages into unlabelled candidate records and appends the new ones to the inbox. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Cut raw pages into unlabelled candidate records (article + \"Voir plus\" teasers) and append"
                + " those not already in the label files.")
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PAGE",
            description = "Raw page files (UTF-8 text, as saved from the site).")
    List<Path> pages;

    @Option(names = "--into", paramLabel = "FILE", defaultValue = "labels/inbox.jsonl",
            description = "JSON Lines file the new records are appended to (default: ${DEFAULT-VALUE}).")
    Path into;

    @Option(names = "--labels", paramLabel = "DIR", defaultValue = "labels",
            description = "Directory whose *.jsonl records (inbox included) are not ingested again"
                    + " (default: ${DEFAULT-VALUE}).")
    Path labels;

    @Option(names = "--date", paramLabel = "DATE",
            description = "The day the pages' articles were published (ISO 8601, e.g. 2026-11-05), written as their"
                    + " records' date instead of any date the page carries (a date stamp such as 16/11/2021 10:20, or"
                    + " a dateline with a year); teasers link other items and stay undated.")
    String date;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.util.Optional<String> badDate = date == null ? java.util.Optional.empty()
                : io.rubrique.data.ItemDate.problem(date);
        if (badDate.isPresent()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--date: " + badDate.get());
        }
        java.time.LocalDate day = date == null ? null : io.rubrique.data.ItemDate.parse(date).orElseThrow();
        try {
            PageParser parser = new PageParser();
            List<ParsedPage> parsed = new ArrayList<>();
            int fromPage = 0;
            for (Path page : pages) {
                ParsedPage p = parser.read(page);
                fromPage += day == null && p.article().date() != null ? 1 : 0;
                parsed.add(day == null ? p : p.withArticleDate(day));
            }
            CandidatePool.Outcome o = Inbox.ingest(into, knownFiles(), pool -> parsed.forEach(pool::addAll));
            out.printf("read %d page(s): %d article(s), %d teaser(s); %d duplicate(s) skipped (%d repeated across"
                            + " pages, %d already in %s or %s); %d record(s) appended to %s; %s%n",
                    pages.size(), o.articles(), o.teasers(), o.duplicates(), o.repeated(), o.alreadyKnown(), labels,
                    into, o.fresh().size(), into, day != null ? "articles dated " + day + " (--date)"
                            : fromPage + " article(s) dated from their page");
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("rubrique ingest: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private List<Path> knownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(labels)) {
            try (Stream<Path> s = Files.list(labels)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).filter(Files::isRegularFile).sorted()
                        .forEach(files::add);
            }
        }
        if (files.stream().noneMatch(f -> sameFile(f, into))) {
            files.add(into);
        }
        return files;
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
