package io.rubrique.cli;

import io.rubrique.model.Manifest;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.ModelInspection;
import io.rubrique.model.ReadableTerms;
import io.rubrique.model.TopicTagger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rubrique inspect}: what a trained model learnt, topic by topic, and how it was made. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a model learnt, topic by topic.",
            "Per topic: the strongest positive and negative terms (as words, phrases and word pieces), the "
                + "threshold (calibrated and raw), the number of features, and the manifest summary."})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions.Model model;

    @Option(names = "--top", paramLabel = "N", description = "Terms shown per direction (default: ${DEFAULT-VALUE}).")
    int top = 12;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TopicTagger tagger = TopicTagger.load(model.orDefault());
        Manifest m = tagger.manifest();
        // many more features than shown: overlapping character n-grams and function-word pieces are folded away
        ModelInspection in = tagger.inspect(top * FEATURES_PER_TERM);
        out.printf(Locale.ROOT, "model %s (version %s), config %s, learner %s %s%n", m.name(),
                ModelArtifact.resolve(model.orDefault()).getFileName(), m.config().name(), m.config().learner().type(),
                m.config().learner().options());
        out.printf(Locale.ROOT, "trained on %s: %d items (sha256 %s), seed %d, %s, rubrique %s, code %s%n",
                m.data().path(), m.data().items(), m.data().sha256().substring(0, 12), m.seed(), m.createdAt(),
                m.versions().getOrDefault("rubrique", "?"), m.codeRevision());
        out.printf(Locale.ROOT, "%d features (%s)%n", in.features(), m.config().features().wordNgramMin() > 0
                && m.config().features().charNgramMin() > 0 ? "word and character n-grams"
                : m.config().features().charNgramMin() > 0 ? "character n-grams" : "word n-grams");
        out.println("terms: " + ReadableTerms.LEGEND);
        out.println();
        in.topics().forEach((topic, t) -> {
            var facts = m.training().perTopic().get(topic);
            out.printf(Locale.ROOT, "%s: %s scorer, %d positives, threshold %.3f%s, calibration %s (a %.3f, b %.3f)%s%n",
                    topic, t.scorer(), facts == null ? 0 : facts.positives(), t.threshold(),
                    t.rawThreshold() == null ? "" : String.format(Locale.ROOT, " (raw %.3f)", t.rawThreshold()),
                    t.calibration().method(), t.calibration().a(), t.calibration().b(),
                    facts == null || facts.options().isEmpty() ? "" : ", options " + facts.options());
            if (t.bias() != null) {
                out.printf(Locale.ROOT, "  bias %.4f, %d non-zero weights%n", t.bias(), t.nonZeroWeights());
                out.println("  up:   " + terms(ReadableTerms.of(t.strongestPositive(), top)));
                out.println("  down: " + terms(ReadableTerms.of(t.strongestNegative(), top)));
            } else {
                out.println("  " + t.note());
            }
        });
        out.flush();
        return 0;
    }

    /** Features looked at per term shown. */
    private static final int FEATURES_PER_TERM = 20;

    private static String terms(java.util.List<io.rubrique.model.Explanation.Term> ts) {
        return String.join(", ", ts.stream().map(x -> String.format(Locale.ROOT, "%s %+.3f", x.term(),
                x.contribution())).toList());
    }
}
