package io.rubrique.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.Bootstrap;
import io.rubrique.trust.Agreement;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rubrique agreement}: how far two labellers agree, per topic, and whether a run's F1 is at that ceiling. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = "Per topic, Cohen's kappa and the labellers' F1 with each other (95% bootstrap intervals over "
                + "items) on the items two label files share; with --run, each topic's cross-validated F1 beside it "
                + "and a note where F1 is at the agreement ceiling.")
public final class AgreementCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FIRST", description = "The first labeller's labels (.jsonl file or directory).")
    Path first;

    @Parameters(index = "1", paramLabel = "SECOND", description = "The second labeller's labels of some of the same items.")
    Path second;

    @Option(names = "--run", paramLabel = "DIR", description = "A run folder whose report.json F1 to compare.")
    Path run;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        LabelSet a = LabelReader.read(first);
        LabelSet b = LabelReader.read(second, a.topics());
        List<Agreement.TopicAgreement> rows = Agreement.of(a.topics(), a.items(), b.items(), Bootstrap.RESAMPLES, seed);
        JsonNode perTopic = run == null ? null : Json.mapper().readTree(run.resolve("report.json").toFile())
                .path("metrics").path("per_topic");
        o.printf(Locale.ROOT, "%s (%s) vs %s (%s): %d shared item(s)%n", first, labellers(first), second,
                labellers(second), rows.isEmpty() ? 0 : rows.get(0).items());
        for (Agreement.TopicAgreement t : rows) {
            String kappa = t.kappa() == null ? "n/a (no variation)" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
                    t.kappa(), t.kappaCi95().get(0), t.kappaCi95().get(1));
            String f1 = t.f1Ci95() == null ? "n/a" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", t.f1(),
                    t.f1Ci95().get(0), t.f1Ci95().get(1));
            String model = "";
            String note = null;
            if (perTopic != null && perTopic.path(t.topic()).path("f1").path("mean").isNumber()) {
                double m = perTopic.path(t.topic()).path("f1").path("mean").asDouble();
                model = String.format(Locale.ROOT, "  model F1 %.3f", m);
                note = Agreement.ceilingNote(t, m);
            }
            o.printf(Locale.ROOT, "  %-22s kappa %s  labellers' F1 %s%s%n", t.topic(), kappa, f1, model);
            if (note != null) {
                o.println("    " + note);
            }
        }
        o.flush();
        return 0;
    }

    /** The labeller names the records' provenance gives ({@code labelled_by}), or "no names recorded". */
    private static String labellers(Path fileOrDir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path f : LabelReader.labelFiles(fileOrDir)) {
            for (String line : Files.readAllLines(f)) {
                JsonNode record = Json.objectOrNull(line);
                JsonNode by = record == null ? null : record.path("provenance").path("labelled_by");
                if (by != null && by.isTextual()) {
                    names.add(by.asText());
                }
            }
        }
        return names.isEmpty() ? "no names recorded" : String.join(", ", names);
    }
}
