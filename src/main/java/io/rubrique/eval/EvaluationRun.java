package io.rubrique.eval;

import io.rubrique.util.Seeds;
import io.rubrique.config.EvaluationConfig;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.RunReport.CurvePoint;
import io.rubrique.eval.RunReport.LastStep;
import io.rubrique.eval.RunReport.LearningCurve;
import io.rubrique.eval.RunReport.Protocol;
import io.rubrique.eval.RunReport.Timings;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import io.rubrique.util.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Evaluates a trainer on labelled data by repeated, iteratively stratified k-fold cross-validation and writes a
 * run folder ({@link RunWriter}). This is the Java entry behind {@code rubrique evaluate}; {@code rubrique train}
 * calls it after fitting its final model:
 *
 * <pre>{@code
 * RunResult r = EvaluationRun.run(TrainingSet.of(labels), config, Trainer.forConfig(config), seed,
 *         Optional.empty(), Path.of("experiments/runs"), "evaluate", Map.of());
 * r.runDir();                          // experiments/runs/20250101T120000Z-default
 * r.report().metrics().macroF1();      // mean, ci95 (for new items), values per repeat
 * }</pre>
 *
 * <p>Protocol: folds and repeats from {@code config.evaluation()}, the given {@code seed} replacing its seed (the
 * report's config records the seed actually used). Each fold trains on its training items only; the test fold is
 * first touched when the fitted model scores it. Metrics are computed per repeat on the pooled out-of-fold
 * predictions, and every one gets a 95% interval for new items from a {@link Bootstrap} over items. A learning
 * curve retrains on 40/60/80% stratified subsamples of each training fold for the first
 * {@link Options#curveRepeats()} repeats (100% reuses the main results), and its last step, compared on the same
 * items, says whether more labels still pay. With a test set, a model trained on all the data (or
 * {@link Options#finalModel()}) scores it; a test set sharing item ids with the data is refused.
 */
public final class EvaluationRun {
    /** Training shares of the learning curve. */
    public static final List<Double> CURVE_FRACTIONS = List.of(0.4, 0.6, 0.8, 1.0);
    /** Rows of the errors table. */
    public static final int ERROR_ROWS = 15;

    /**
     * Everything optional about a run.
     *
     * @param curveRepeats repeats used for the learning curve (0 for none; capped at the protocol's repeats)
     * @param threads      size of the fold pool
     * @param progress     makes a progress reporter from a task name and the number of folds
     * @param finalModel   a model already trained on all the data, used for the test set instead of retraining
     * @param writer       writes the run folder
     * @param clock        gives the start and finish times (and so the run id)
     * @param agreement    the labellers' agreement to report beside F1 (from second opinions), if any
     */
    public record Options(int curveRepeats, int threads, BiFunction<String, Integer, Progress> progress,
            Optional<TrainedModel> finalModel, RunWriter writer, Clock clock,
            Optional<RunReport.LabellerAgreement> agreement) {
        public Options {
            Objects.requireNonNull(agreement, "agreement");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(finalModel, "finalModel");
            Objects.requireNonNull(writer, "writer");
            Objects.requireNonNull(clock, "clock");
        }

        /** 3 curve repeats, one thread per core, progress on stderr, standard renderers, system clock. */
        public static Options defaults() {
            return new Options(3, Runtime.getRuntime().availableProcessors(), Progress::forStderr, Optional.empty(),
                    RunWriter.standard(), Clock.systemUTC(), Optional.empty());
        }

        public Options withCurveRepeats(int n) {
            return new Options(n, threads, progress, finalModel, writer, clock, agreement);
        }

        public Options withThreads(int n) {
            return new Options(curveRepeats, n, progress, finalModel, writer, clock, agreement);
        }

        public Options withProgress(BiFunction<String, Integer, Progress> p) {
            return new Options(curveRepeats, threads, p, finalModel, writer, clock, agreement);
        }

        public Options withFinalModel(TrainedModel m) {
            return new Options(curveRepeats, threads, progress, Optional.of(m), writer, clock, agreement);
        }

        public Options withWriter(RunWriter w) {
            return new Options(curveRepeats, threads, progress, finalModel, w, clock, agreement);
        }

        /** Reports {@code a} (if present) beside F1, with each topic's model F1 and ceiling verdict filled in. */
        public Options withAgreement(Optional<RunReport.LabellerAgreement> a) {
            return new Options(curveRepeats, threads, progress, finalModel, writer, clock, a);
        }

        public Options withClock(Clock c) {
            return new Options(curveRepeats, threads, progress, finalModel, writer, c, agreement);
        }
    }

    private EvaluationRun() {
    }

    /** Runs the protocol with default {@link Options} and writes the run under {@code runsDir}. */
    public static RunResult run(TrainingSet data, ExperimentConfig config, Trainer trainer, long seed,
            Optional<LabelSet> test, Path runsDir, String kind, Map<String, Object> extra) throws IOException {
        return run(data, config, trainer, seed, test, runsDir, kind, extra, Options.defaults());
    }

    /** Runs the protocol and writes the run under {@code runsDir}. */
    public static RunResult run(TrainingSet data, ExperimentConfig config, Trainer trainer, long seed,
            Optional<LabelSet> test, Path runsDir, String kind, Map<String, Object> extra, Options options)
            throws IOException {
        RunOutcome outcome = evaluate(data, config, trainer, seed, test, runsDir, kind, extra, options);
        Path dir = options.writer().write(outcome, runsDir);
        return new RunResult(dir, outcome.report());
    }

    /** Runs the protocol without writing anything; the run id is chosen free under {@code runsDir}. */
    public static RunOutcome evaluate(TrainingSet data, ExperimentConfig config, Trainer trainer, long seed,
            Optional<LabelSet> test, Path runsDir, String kind, Map<String, Object> extra, Options options) {
        Instant started = options.clock().instant();
        long t0 = System.nanoTime();
        List<LabelledItem> items = data.items();
        TopicSet topics = data.topics();
        EvaluationConfig ev = config.evaluation();
        ExperimentConfig used = config.withEvaluation(new EvaluationConfig(ev.folds(), ev.repeats(), seed));
        test.ifPresent(t -> refuseOverlap(data, t));

        FoldPlan plan = FoldPlan.stratified(items, topics, ev.folds(), ev.repeats(), seed);
        CrossValidator cv = new CrossValidator(trainer, options.threads());
        int curveRepeats = Math.max(0, Math.min(options.curveRepeats(), ev.repeats()));
        List<CrossValidator.Task> mainTasks = CrossValidator.protocolTasks(plan);
        List<CrossValidator.Task> curveTasks = curveTasks(plan, curveRepeats);

        List<FoldResult> results;
        try (Progress p = options.progress().apply("cross-validation", mainTasks.size())) {
            results = cv.run(data, plan, mainTasks, p);
        }
        long cvMs = (System.nanoTime() - t0) / 1_000_000;
        List<Predictions> pooled = CrossValidator.pool(items, topics, plan, results, 1.0);
        List<MetricValues> perRepeat = pooled.stream().map(MetricValues::of).toList();
        long bootstrapSeed = Seeds.derive(seed, -2);
        Bootstrap bootstrap = new Bootstrap(items.size(), Bootstrap.RESAMPLES, bootstrapSeed);
        Bootstrap.Resampled resampled = bootstrap.evaluate(pooled, true);

        long t1 = System.nanoTime();
        List<FoldResult> curveResults = List.of();
        if (!curveTasks.isEmpty()) {
            try (Progress p = options.progress().apply("learning curve", curveTasks.size())) {
                curveResults = cv.run(data, plan, curveTasks, p);
            }
        }
        LearningCurve curve = learningCurve(items, topics, plan, curveRepeats, results, curveResults, pooled,
                bootstrap);
        long curveMs = (System.nanoTime() - t1) / 1_000_000;

        long t2 = System.nanoTime();
        Predictions testPredictions = null;
        RunReport.TestResult testResult = null;
        if (test.isPresent()) {
            TrainedModel model = options.finalModel().orElseGet(() -> trainer.train(data, Seeds.derive(seed, -1)));
            testPredictions = score(model, topics, test.get().items());
            testResult = Summaries.test(test.get().provenance(), topics, testPredictions, Seeds.derive(seed, -3));
        }
        long testMs = (System.nanoTime() - t2) / 1_000_000;

        long[] support = new long[topics.size()];
        for (int t = 0; t < support.length; t++) {
            String id = topics.ids().get(t);
            support[t] = items.stream().filter(i -> i.has(id)).count();
        }
        long[] trainMs = results.stream().mapToLong(FoldResult::trainMillis).toArray();
        Timings timings = new Timings(cvMs, curveMs, testMs, (System.nanoTime() - t0) / 1_000_000,
                java.util.Arrays.stream(trainMs).average().orElse(0), java.util.Arrays.stream(trainMs).max()
                        .orElse(0));
        Protocol protocol = new Protocol(plan.folds(), plan.repeats(), seed, "iterative (Sechidis et al. 2011)",
                "out-of-fold predictions of every repeat, one line per item and repeat", options.threads(),
                items.stream().map(LabelledItem::id).toList(), plan.assignment());
        String runId = RunWriter.freeId(runsDir, RunWriter.baseId(started, used.name()));
        RunReport.MetricsSummary metrics = Summaries.metrics(topics, perRepeat, resampled, support);
        RunReport report = RunReport.builder()
                .runId(runId).startedAt(started.toString()).finishedAt(options.clock().instant().toString())
                .kind(kind).config(used).topics(topics).data(data.data()).unlabelled(data.unlabelledData())
                .protocol(protocol)
                .intervals(new RunReport.Intervals(Bootstrap.METHOD, bootstrap.resamples(), bootstrapSeed,
                        Bootstrap.MEANING))
                .metrics(metrics)
                .agreement(options.agreement().map(a -> a.withModel(metrics)).orElse(null))
                .reliability(Summaries.reliability(topics, pooled))
                .perFold(Summaries.perFold(topics, results, pooled))
                .learningCurve(curve)
                .thresholds(Summaries.thresholds(topics, results))
                .prCurves(Summaries.prCurves(topics, pooled))
                .errors(explained(Summaries.errors(items, topics, pooled, ERROR_ROWS), items,
                        options.finalModel().orElseGet(() -> trainer.train(data, Seeds.derive(seed, -4)))))
                .test(testResult)
                .model(options.finalModel().map(TrainedModel::provenance).orElse(null))
                .timings(timings)
                .versions(Versions.libraries())
                .codeRevision(Versions.codeRevision(Path.of(".")))
                .extra(new TreeMap<>(extra))
                .build();
        return new RunOutcome(report, items, pooled, test.map(LabelSet::items).orElse(List.of()), testPredictions);
    }

    /**
     * The error rows with the words that moved the final model's score for that topic: for a false positive
     * the strongest pushes up, for a false negative the strongest pushes down ("not available" for learners
     * scored by Weka).
     */
    private static List<RunReport.ErrorRow> explained(List<RunReport.ErrorRow> rows, List<LabelledItem> items,
            TrainedModel model) {
        if (rows.isEmpty()) {
            return rows;
        }
        java.util.Map<String, LabelledItem> byId = new java.util.HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<RunReport.ErrorRow> out = new ArrayList<>();
        for (RunReport.ErrorRow r : rows) {
            LabelledItem it = byId.get(r.id());
            io.rubrique.model.Explanation e = model.explain(it.title(), it.text()).get(r.topic());
            List<String> terms = !e.available() ? List.of("not available")
                    : ("FP".equals(r.error()) ? e.up(4) : e.down(4)).stream()
                            .map(t -> String.format(java.util.Locale.ROOT, "%s %+.3f", t.term(), t.contribution()))
                            .toList();
            out.add(new RunReport.ErrorRow(r.id(), r.title(), r.topic(), r.error(), r.gold(), r.predicted(),
                    r.score(), r.threshold(), r.margin(), r.wrongIn(), r.repeats(), terms));
        }
        return out;
    }

    private static void refuseOverlap(TrainingSet data, LabelSet test) {
        Set<String> ids = new HashSet<>();
        data.items().forEach(i -> ids.add(i.id()));
        List<String> shared = test.items().stream().map(LabelledItem::id).filter(ids::contains).toList();
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException(test.provenance().path() + ": test set shares " + shared.size()
                    + " item id(s) with the training data " + data.data().path() + " (e.g. " + shared.get(0) + ")");
        }
        if (!test.topics().sameIds(data.topics())) {
            throw new IllegalArgumentException(test.provenance().path() + ": test set topics " + test.topics()
                    + " differ from the training topics " + data.topics());
        }
    }

    private static List<CrossValidator.Task> curveTasks(FoldPlan plan, int curveRepeats) {
        List<CrossValidator.Task> tasks = new ArrayList<>();
        for (int fi = 0; fi < CURVE_FRACTIONS.size(); fi++) {
            double fraction = CURVE_FRACTIONS.get(fi);
            if (fraction >= 1.0) {
                continue;
            }
            for (int r = 0; r < curveRepeats; r++) {
                for (int f = 0; f < plan.folds(); f++) {
                    tasks.add(new CrossValidator.Task(r, f, fraction, Seeds.derive(plan.seed(), r, f, fi + 1),
                            Seeds.derive(plan.seed(), r, f, fi + 1, 0)));
                }
            }
        }
        return tasks;
    }

    private static LearningCurve learningCurve(List<LabelledItem> items, TopicSet topics, FoldPlan plan,
            int curveRepeats, List<FoldResult> full, List<FoldResult> partial, List<Predictions> fullPooled,
            Bootstrap bootstrap) {
        List<CurvePoint> points = new ArrayList<>();
        if (curveRepeats == 0) {
            return new LearningCurve(0, points, null, List.of());
        }
        List<List<MetricValues>> perRepeat = new ArrayList<>();
        List<Bootstrap.Resampled> resampled = new ArrayList<>();
        for (double fraction : CURVE_FRACTIONS) {
            List<FoldResult> source = fraction >= 1.0 ? full : partial;
            List<FoldResult> used = source.stream()
                    .filter(r -> r.fraction() == fraction && r.repeat() < curveRepeats).toList();
            List<Predictions> pooled = fraction >= 1.0 ? fullPooled.subList(0, curveRepeats)
                    : CrossValidator.pool(items, topics, plan, used, fraction);
            List<MetricValues> m = pooled.stream().map(p -> MetricValues.of(p, false)).toList();
            Bootstrap.Resampled r = bootstrap.evaluate(pooled, false);
            double trainItems = used.stream().mapToInt(FoldResult::trainSize).average().orElse(0);
            points.add(Summaries.curvePoint(topics, fraction, trainItems, m, r));
            perRepeat.add(m);
            resampled.add(r);
        }
        int last = points.size() - 1;
        if (last < 1) {
            return new LearningCurve(curveRepeats, points, null, List.of());
        }
        Forecasts.Result forecast = Forecasts.forecast(topics, items.size(),
                points.stream().mapToDouble(CurvePoint::trainItems).toArray(), perRepeat, resampled);
        LastStep step = Summaries.lastStep(topics, points.get(last - 1).trainItems(), points.get(last).trainItems(),
                perRepeat.get(last - 1), resampled.get(last - 1), perRepeat.get(last), resampled.get(last),
                forecast.advice());
        return new LearningCurve(curveRepeats, points, step, forecast.points());
    }

    private static Predictions score(TrainedModel model, TopicSet topics, List<LabelledItem> items) {
        int n = items.size();
        double[][] scores = new double[n][];
        double[][] th = new double[n][];
        int[] fold = new int[n];
        double[] thresholds = CrossValidator.thresholds(model);
        for (int i = 0; i < n; i++) {
            scores[i] = CrossValidator.scores(model, items.get(i));
            th[i] = thresholds;
            fold[i] = -1;
        }
        return new Predictions(-1, topics, CrossValidator.gold(items, topics), scores, th, fold);
    }
}
