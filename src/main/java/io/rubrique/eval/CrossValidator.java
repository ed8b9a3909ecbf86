package io.rubrique.eval;

import io.rubrique.util.Seeds;
import io.rubrique.data.IterativeStratification;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import io.rubrique.data.TopicSet;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cross-validation folds on a small thread pool. Each fold hands its training items, and only those, to
 * {@link Trainer#train}; the held-out items are first looked at when the fitted model scores them, and none of
 * them reaches the trainer through the unlabelled items either (an unlabelled item with a test item's text is
 * dropped for that fold). Results come back in task order and every fold's training seed is derived from the run
 * seed, so thread timing never changes the outcome.
 */
public final class CrossValidator {
    private final Trainer trainer;
    private final int threads;

    /** A fold to run: which repeat and fold of the plan, and what share of the training fold to train on. */
    public record Task(int repeat, int fold, double fraction, long trainSeed, long subsampleSeed) {
    }

    public CrossValidator(Trainer trainer, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.trainer = trainer;
        this.threads = threads;
    }

    /** The tasks of the main protocol: every fold of every repeat on its full training fold. */
    public static List<Task> protocolTasks(FoldPlan plan) {
        List<Task> tasks = new ArrayList<>();
        for (int r = 0; r < plan.repeats(); r++) {
            for (int f = 0; f < plan.folds(); f++) {
                tasks.add(new Task(r, f, 1.0, Seeds.derive(plan.seed(), r, f), 0));
            }
        }
        return tasks;
    }

    /** Runs the tasks, in parallel, returning their results in task order. */
    public List<FoldResult> run(TrainingSet data, FoldPlan plan, List<Task> tasks, Progress progress) {
        trainer.prepare(data);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "rubrique-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FoldResult>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    FoldResult result = runFold(data, plan, task);
                    progress.step("fold " + (task.fold() + 1) + " of repeat " + (task.repeat() + 1)
                            + (task.fraction() < 1 ? " at " + Math.round(task.fraction() * 100) + "%" : ""));
                    return result;
                }));
            }
            List<FoldResult> results = new ArrayList<>();
            for (Future<FoldResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cross-validation fold failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private FoldResult runFold(TrainingSet data, FoldPlan plan, Task task) {
        List<LabelledItem> items = data.items();
        int[] trainIdx = plan.trainIndices(task.repeat(), task.fold());
        if (task.fraction() < 1.0) {
            trainIdx = subsample(items, data.topics(), trainIdx, task.fraction(), task.subsampleSeed());
        }
        List<LabelledItem> training = new ArrayList<>(trainIdx.length);
        for (int i : trainIdx) {
            training.add(items.get(i));
        }
        int[] testIdx = plan.testIndices(task.repeat(), task.fold());
        TrainingSet fold = data.withItems(training, "fold " + task.fold() + " of repeat " + task.repeat())
                .withUnlabelled(withoutTestItems(data.unlabelled(), items, testIdx), data.unlabelledData());
        long start = System.nanoTime();
        TrainedModel model = trainer.train(fold, task.trainSeed());
        long millis = (System.nanoTime() - start) / 1_000_000;

        double[][] scores = new double[testIdx.length][];
        for (int k = 0; k < testIdx.length; k++) {
            LabelledItem item = items.get(testIdx[k]);
            scores[k] = scores(model, item);
        }
        return new FoldResult(task.repeat(), task.fold(), task.fraction(), testIdx, scores, thresholds(model),
                trainIdx.length, millis);
    }

    /** The unlabelled items minus any whose text is that of a test item of the fold. */
    static List<Snippet> withoutTestItems(List<Snippet> unlabelled, List<LabelledItem> items, int[] testIdx) {
        if (unlabelled.isEmpty()) {
            return unlabelled;
        }
        Set<String> test = new HashSet<>();
        for (int i : testIdx) {
            test.add(TextKey.of(items.get(i).text()));
        }
        return unlabelled.stream().filter(s -> !test.contains(TextKey.of(s.text()))).toList();
    }

    /** A model's calibrated scores of an item, in topic order. */
    static double[] scores(TrainedModel model, LabelledItem item) {
        List<Double> s = model.tag(item.title(), item.text()).scores().values();
        double[] out = new double[s.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = s.get(t);
        }
        return out;
    }

    /** The thresholds of a model in topic order. */
    static double[] thresholds(TrainedModel model) {
        List<Double> th = model.thresholds().values();
        double[] out = new double[th.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = th.get(t);
        }
        return out;
    }

    /** A stratified draw of {@code fraction} of the given training indices. */
    static int[] subsample(List<LabelledItem> items, TopicSet topics, int[] indices, double fraction, long seed) {
        List<Set<String>> labels = new ArrayList<>();
        for (int i : indices) {
            labels.add(items.get(i).topics());
        }
        int[] part = IterativeStratification.split(labels, topics.ids(), new double[] {fraction, 1 - fraction},
                seed);
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            if (part[k] == 0) {
                kept.add(indices[k]);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Pools the results of each repeat at {@code fraction} into one prediction per item. */
    public static List<Predictions> pool(List<LabelledItem> items, TopicSet topics, FoldPlan plan,
            List<FoldResult> results, double fraction) {
        int n = items.size();
        boolean[][] gold = gold(items, topics);
        List<Predictions> out = new ArrayList<>();
        for (int r = 0; r < plan.repeats(); r++) {
            double[][] scores = new double[n][];
            double[][] th = new double[n][];
            int[] fold = new int[n];
            boolean any = false;
            for (FoldResult fr : results) {
                if (fr.repeat() != r || fr.fraction() != fraction) {
                    continue;
                }
                any = true;
                for (int k = 0; k < fr.testIndices().length; k++) {
                    int i = fr.testIndices()[k];
                    scores[i] = fr.scores()[k];
                    th[i] = fr.thresholds();
                    fold[i] = fr.fold();
                }
            }
            if (!any) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (scores[i] == null || scores[i].length != topics.size()) {
                    throw new IllegalStateException("repeat " + r + ": item " + items.get(i).id()
                            + " has no out-of-fold scores for every topic");
                }
            }
            out.add(new Predictions(r, topics, gold, scores, th, fold));
        }
        return out;
    }

    static boolean[][] gold(List<LabelledItem> items, TopicSet topics) {
        List<String> ids = topics.ids();
        boolean[][] g = new boolean[items.size()][ids.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < ids.size(); t++) {
                g[i][t] = items.get(i).has(ids.get(t));
            }
        }
        return g;
    }
}
