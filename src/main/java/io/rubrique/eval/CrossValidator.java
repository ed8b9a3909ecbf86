package io.rubrique.eval;

import io.rubrique.data.IterativeStratification;

import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs cross-validation folds on a small thread pool. Each fold hands its training items, and only those, to
 * {@link Trainer#train}; the held-out items are first looked at when the fitted model scores them. Results come
 * back in task order and every fold's training seed is derived from the run seed, so thread timing never changes
 * the outcome.
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
    public List<FoldResult> run(List<LabelledItem> items, FoldPlan plan, List<Task> tasks, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "rubrique-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FoldResult>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    FoldResult result = runFold(items, plan, task);
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

    private FoldResult runFold(List<LabelledItem> items, FoldPlan plan, Task task) {
        int[] trainIdx = plan.trainIndices(task.repeat(), task.fold());
        if (task.fraction() < 1.0) {
            trainIdx = subsample(items, trainIdx, task.fraction(), task.subsampleSeed());
        }
        List<LabelledItem> training = new ArrayList<>(trainIdx.length);
        for (int i : trainIdx) {
            training.add(items.get(i));
        }
        long start = System.nanoTime();
        TrainedModel model = trainer.train(List.copyOf(training), task.trainSeed());
        long millis = (System.nanoTime() - start) / 1_000_000;

        int[] testIdx = plan.testIndices(task.repeat(), task.fold());
        double[][] scores = new double[testIdx.length][];
        for (int k = 0; k < testIdx.length; k++) {
            LabelledItem item = items.get(testIdx[k]);
            scores[k] = model.scores(item.title(), item.text()).clone();
        }
        return new FoldResult(task.repeat(), task.fold(), task.fraction(), testIdx, scores, thresholds(model),
                trainIdx.length, millis);
    }

    /** The thresholds of a model in topic order. */
    static double[] thresholds(TrainedModel model) {
        List<Topic> topics = Topic.all();
        double[] th = new double[topics.size()];
        for (int t = 0; t < th.length; t++) {
            Double v = model.thresholds().get(topics.get(t));
            if (v == null) {
                throw new IllegalStateException("model has no threshold for topic " + topics.get(t));
            }
            th[t] = v;
        }
        return th;
    }

    /** A stratified draw of {@code fraction} of the given training indices. */
    static int[] subsample(List<LabelledItem> items, int[] indices, double fraction, long seed) {
        List<java.util.Set<Topic>> labels = new ArrayList<>();
        for (int i : indices) {
            labels.add(items.get(i).topics());
        }
        int[] part = IterativeStratification.split(labels, new double[] {fraction, 1 - fraction}, seed);
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) {
            if (part[k] == 0) {
                kept.add(indices[k]);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Pools the full-training-fold results of each repeat into one prediction per item. */
    public static List<Predictions> pool(List<LabelledItem> items, FoldPlan plan, List<FoldResult> results,
            double fraction) {
        int n = items.size();
        int topics = Topic.all().size();
        boolean[][] gold = gold(items);
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
                if (scores[i] == null || scores[i].length != topics) {
                    throw new IllegalStateException("repeat " + r + ": item " + items.get(i).id()
                            + " has no out-of-fold scores for every topic");
                }
            }
            out.add(new Predictions(r, gold, scores, th, fold));
        }
        return out;
    }

    static boolean[][] gold(List<LabelledItem> items) {
        List<Topic> topics = Topic.all();
        boolean[][] g = new boolean[items.size()][topics.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < topics.size(); t++) {
                g[i][t] = items.get(i).has(topics.get(t));
            }
        }
        return g;
    }
}
