package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.EvaluationRun;
import io.rubrique.eval.RunResult;
import io.rubrique.eval.report.ReportTables;
import io.rubrique.model.Trainer;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Glue between the commands and the evaluation package: cross-validate, write the run, print the summary. */
final class RunReporting {
    private RunReporting() {
    }

    static RunResult evaluateAndReport(PrintWriter out, TrainingSet data, ExperimentConfig cfg, long seed,
            Optional<LabelSet> test, Path runsDir, ModelArtifact.Saved saved, TrainedModel finalModel,
            Optional<io.rubrique.eval.RunReport.LabellerAgreement> agreement) throws IOException {
        RunResult r = EvaluationRun.run(data, cfg, Trainer.forConfig(cfg), seed, test, runsDir, "train",
                Map.of("model_version", io.rubrique.data.DataProvenance.displayPath(saved.versionDir()),
                        "model_sha256", saved.manifest().modelSha256()),
                EvaluationRun.Options.defaults().withFinalModel(finalModel).withAgreement(agreement));
        printSummary(out, r);
        return r;
    }

    /** The CLI summary of a run: where it went, headline figures with their intervals, and the advice. */
    static void printSummary(PrintWriter out, RunResult r) {
        var m = r.report().metrics();
        out.println("run: " + r.runDir());
        out.println("report: " + r.runDir().resolve("report.html") + " (also report.md, report.json, predictions.jsonl)");
        out.println("macro-F1 " + ReportTables.estimate(m.macroF1()) + "  (95% interval for new items)");
        out.println("micro-F1 " + ReportTables.estimate(m.microF1()));
        m.perTopic().forEach((topic, s) -> out.println("  F1 " + topic + " " + ReportTables.estimate(s.f1())));
        out.println("calibration: Brier " + ReportTables.estimate(m.brier()) + ", ECE " + ReportTables.estimate(m.ece())
                + "  (both 0 when scores are probabilities; Brier: mean squared gap between score and 0/1 truth, "
                + "ECE: mean gap between score and observed share of positives)");
        if (r.report().test() != null) {
            var t = r.report().test().metrics();
            out.println("test set: macro-F1 " + ReportTables.estimate(t.macroF1()) + ", micro-F1 "
                    + ReportTables.estimate(t.microF1()));
        }
        if (r.report().agreement() != null) {
            var a = r.report().agreement();
            out.println("labellers' agreement on " + a.items() + " item(s) with a second opinion (" + String.join(", ",
                    a.first()) + " vs " + String.join(", ", a.second()) + "): see the report's agreement table");
            a.notes().forEach(out::println);
        }
        String advice = ReportTables.advice(r.report());
        if (advice != null) {
            out.println(advice);
        }
        out.flush();
    }
}
