package io.rubrique.label;

import com.fasterxml.jackson.databind.JsonNode;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.eval.EvaluationRun;
import io.rubrique.eval.Progress;
import io.rubrique.eval.RunResult;
import io.rubrique.eval.RunStore;
import io.rubrique.model.Trainer;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ModelArtifact;
import io.rubrique.model.TopicTagger;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingInputs;
import io.rubrique.model.TrainingSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * "Retrain" on the labelling page: in the background, train the config on the label set exactly as {@code train}
 * does (the same {@link TrainingInputs}: the page's pool as the unlabelled items, those already labelled left
 * out), save the model as a new version of the model directory (a running {@code serve --watch} picks it up),
 * cross-validate it for the figures the page shows beside the previous model's, and hand the new model to the
 * session. One job at a time.
 */
public final class RetrainJob {
    private final Path labels;
    private final ExperimentConfig config;
    private final List<Path> unlabelled;
    private final Path modelDir;
    private final Path runsDir;
    private final Consumer<TopicTagger> onNewModel;
    private final Consumer<java.util.List<? extends io.rubrique.model.ScoringModel>> onNewCommittee;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rubrique-retrain");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle(null));

    public RetrainJob(Path labels, ExperimentConfig config, List<Path> unlabelled, Path modelDir, Path runsDir,
            Consumer<TopicTagger> onNewModel) {
        this(labels, config, unlabelled, modelDir, runsDir, onNewModel, c -> { });
    }

    /**
     * @param unlabelled the unlabelled files {@code train --unlabelled} would be given (the page's pool); empty
     *     for the default inbox
     * @param onNewCommittee receives the fold models of each retrain (for the disagreement strategy)
     */
    public RetrainJob(Path labels, ExperimentConfig config, List<Path> unlabelled, Path modelDir, Path runsDir,
            Consumer<TopicTagger> onNewModel,
            Consumer<java.util.List<? extends io.rubrique.model.ScoringModel>> onNewCommittee) {
        this.labels = labels;
        this.config = config;
        this.unlabelled = List.copyOf(unlabelled);
        this.modelDir = modelDir;
        this.runsDir = runsDir;
        this.onNewModel = onNewModel;
        this.onNewCommittee = onNewCommittee;
    }

    /** Trains the committee of fold models for the current labels in the background (the page's first batches). */
    public void startCommittee() {
        worker.submit(() -> {
            try {
                LabelSet data = LabelReader.read(labels);
                if (!data.items().isEmpty()) {
                    onNewCommittee.accept(Trainer.forConfig(config).trainWithCommittee(
                            TrainingInputs.of(data, config, unlabelled).training(), config.evaluation().seed())
                            .folds());
                }
            } catch (Exception | Error e) {
                // without a committee the disagreement strategy ranks by uncertainty: the page works on
            }
        });
    }

    /**
     * What the page polls: state ("idle", "running", "done", "failed"), the phase and its progress, the
     * cross-validated figures of the previous and the new model, and a message.
     */
    public record Status(String state, String phase, int done, int total, Map<String, Object> before,
            Map<String, Object> after, String message) {
        static Status idle(Map<String, Object> before) {
            return new Status("idle", "", 0, 0, before, null, "");
        }
    }

    public Status status() {
        return status.get();
    }

    /** Starts a retrain unless one is running; returns the status either way. */
    public synchronized Status start(Map<String, Object> before) {
        Status s = status.get();
        if ("running".equals(s.state())) {
            return s;
        }
        Map<String, Object> previous = "done".equals(s.state()) && s.after() != null ? s.after() : before;
        status.set(new Status("running", "reading labels", 0, 0, previous, null, ""));
        worker.submit(() -> run(previous));
        return status.get();
    }

    private void run(Map<String, Object> before) {
        try {
            LabelSet data = LabelReader.read(labels);
            TrainingInputs.Assembled inputs = TrainingInputs.of(data, config, unlabelled);
            TrainingSet training = inputs.training();
            phase("training on " + data.items().size() + " items"
                    + (training.unlabelled().isEmpty() ? "" : " and " + training.unlabelled().size() + " unlabelled"),
                    0, 0, before);
            BinaryRelevanceTrainer.Committee committee = Trainer.forConfig(config)
                    .trainWithCommittee(training, config.evaluation().seed());
            TrainedModel model = committee.model();
            phase("saving the model", 0, 0, before);
            ModelArtifact.Saved saved = ModelArtifact.save(modelDir, model);
            TopicTagger loaded = TopicTagger.load(modelDir);
            onNewModel.accept(loaded);
            onNewCommittee.accept(committee.folds());
            int folds = config.evaluation().folds() * config.evaluation().repeats();
            phase("cross-validating", 0, folds, before);
            Progress progress = new Progress() {
                private int done;

                @Override
                public synchronized void step(String what) {
                    done++;
                    phase("cross-validating", done, folds, before);
                }

                @Override
                public void close() {
                }
            };
            RunResult r = EvaluationRun.run(training, config, Trainer.forConfig(config),
                    config.evaluation().seed(), Optional.empty(), runsDir, "train",
                    Map.of("model_version", io.rubrique.data.DataProvenance.displayPath(saved.versionDir()),
                            "model_sha256", saved.manifest().modelSha256(), "trigger", "labelling page"),
                    EvaluationRun.Options.defaults().withCurveRepeats(0).withFinalModel(model)
                            .withAgreement(io.rubrique.trust.Agreement.ofSecondOpinions(labels, data,
                                    config.evaluation().seed()))
                            .withProgress((task, n) -> "cross-validation".equals(task) ? progress : Progress.silent()));
            Map<String, Object> after = figures(r.report().metrics(), data.items().size(),
                    saved.manifest().modelSha256(), r.runDir());
            status.set(new Status("done", "done", folds, folds, before, after, "model "
                    + saved.versionDir().getFileName() + " is serving"
                    + (inputs.note() == null ? "" : "; " + inputs.note().replaceFirst("^note: ", ""))));
        } catch (Exception | Error e) {
            status.set(new Status("failed", "", 0, 0, before, null, e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void phase(String phase, int done, int total, Map<String, Object> before) {
        status.set(new Status("running", phase, done, total, before, null, ""));
    }

    static Map<String, Object> figures(io.rubrique.eval.RunReport.MetricsSummary m, int items, String sha,
            Path runDir) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("items", items);
        f.put("model_sha256", sha);
        f.put("macro_f1", m.macroF1());
        f.put("micro_f1", m.microF1());
        Map<String, Object> per = new LinkedHashMap<>();
        m.perTopic().forEach((t, s) -> per.put(t, s.f1()));
        f.put("f1", per);
        f.put("run", runDir == null ? null : runDir.getFileName().toString());
        return f;
    }

    /** The figures of the newest run report made for the model with this SHA-256, if any. */
    public static Map<String, Object> figuresOf(Path runsDir, String sha) {
        try {
            for (RunStore.Entry e : RunStore.list(runsDir)) {
                if (!e.readable()) {
                    continue;
                }
                JsonNode r = e.report();
                if (sha != null && sha.equals(r.path("extra").path("model_sha256").asText(null))) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("items", r.path("data").path("items").asInt());
                    f.put("model_sha256", sha);
                    f.put("macro_f1", r.path("metrics").path("macro_f1"));
                    f.put("micro_f1", r.path("metrics").path("micro_f1"));
                    Map<String, Object> per = new LinkedHashMap<>();
                    r.path("metrics").path("per_topic").fields().forEachRemaining(x -> per.put(x.getKey(),
                            x.getValue().path("f1")));
                    f.put("f1", per);
                    f.put("run", e.dir().getFileName().toString());
                    return f;
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }
}
