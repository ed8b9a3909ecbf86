package io.rubrique.active;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.IterativeStratification;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.Confusion;
import io.rubrique.eval.Metrics;
import io.rubrique.util.Seeds;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.Trainer;
import io.rubrique.model.TrainingSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The active-learning experiment behind {@code rubrique simulate}: it hides the labels of an oracle set, starts
 * from a labelled start set, and in rounds lets each strategy query a batch from the oracle's pool (the oracle
 * reveals the labels), retrains, and scores the model on a test set no strategy ever queries (given, or held back
 * from the oracle by stratified draw, fresh per repeat). Every strategy of a repeat sees the same start, pool and
 * test items, so the comparison is paired. Results do not depend on thread timing.
 */
public final class Simulation {
    /**
     * What to simulate.
     *
     * @param start      labelled items every strategy starts with (e.g. the seeds); may be empty
     * @param oracle     the items whose labels are hidden and revealed when queried
     * @param test       the items scored each round; empty to hold back {@code holdBack} of the oracle instead
     * @param startDraws further oracle items added to the start set at random (stratified) per repeat
     * @param unlabelled items without labels for the config's unlabelled method (never the test items)
     */
    public record Setup(TopicSet topics, List<LabelledItem> start, List<LabelledItem> oracle,
            List<LabelledItem> test, double holdBack, int startDraws, int batch, int budget, List<String> strategies,
            int repeats, long seed, ExperimentConfig config, int threads, List<Snippet> unlabelled) {
        public Setup {
            unlabelled = unlabelled == null ? List.of() : List.copyOf(unlabelled);
            start = List.copyOf(start);
            oracle = List.copyOf(oracle);
            test = List.copyOf(test);
            strategies = List.copyOf(strategies);
            if (batch < 1 || budget < 1 || repeats < 1 || threads < 1) {
                throw new IllegalArgumentException("batch, budget, repeats and threads must be at least 1");
            }
            if (oracle.isEmpty()) {
                throw new IllegalArgumentException("no labelled items to query: the oracle is empty");
            }
            if (test.isEmpty() && !(holdBack > 0 && holdBack < 1)) {
                throw new IllegalArgumentException("without a test set, the held-back share must be in (0, 1)");
            }
            strategies.forEach(Strategies::get);
        }
    }

    /** One round of one strategy in one repeat: labels queried so far, labels in all, the test figures. */
    public record Round(int queried, int labels, double macroF1, double microF1, Map<String, Double> f1) {
    }

    /** Every round of every strategy and repeat, and the sizes each repeat worked with. */
    public record Result(Setup setup, Map<String, List<List<Round>>> rounds, int poolSize, int testSize) {
    }

    private final Setup setup;
    private final Similarity similarity;

    public Simulation(Setup setup) {
        this(setup, Similarity.DEFAULT);
    }

    /** A simulation whose selections measure similarity as {@code similarity} says (for comparing the two). */
    public Simulation(Setup setup, Similarity similarity) {
        this.setup = setup;
        this.similarity = similarity;
    }

    /** Runs every (repeat, strategy) on a pool of threads; {@code progress} hears "repeat r strategy s round k". */
    public Result run(Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(setup.threads(), r -> {
            Thread t = new Thread(r, "rubrique-simulate");
            t.setDaemon(true);
            return t;
        });
        int[] sizes = new int[2];
        try {
            Map<String, List<Future<List<Round>>>> futures = new LinkedHashMap<>();
            for (int r = 0; r < setup.repeats(); r++) {
                Split split = split(r);
                sizes[0] = split.pool.size();
                sizes[1] = split.test.size();
                for (String s : setup.strategies()) {
                    int rr = r;
                    futures.computeIfAbsent(s, k -> new ArrayList<>()).add(pool.submit(() -> runOne(split, s, rr,
                            progress)));
                }
            }
            Map<String, List<List<Round>>> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<Future<List<Round>>>> e : futures.entrySet()) {
                List<List<Round>> reps = new ArrayList<>();
                for (Future<List<Round>> f : e.getValue()) {
                    reps.add(f.get());
                }
                out.put(e.getKey(), reps);
            }
            return new Result(setup, out, sizes[0], sizes[1]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The start set, the pool to query and the test items of one repeat. */
    private record Split(List<LabelledItem> start, List<LabelledItem> pool, List<LabelledItem> test) {
    }

    private Split split(int repeat) {
        long seed = Seeds.derive(setup.seed(), repeat);
        List<LabelledItem> oracle = setup.oracle();
        List<LabelledItem> test = setup.test();
        List<LabelledItem> rest = oracle;
        if (test.isEmpty()) {
            int[] part = IterativeStratification.split(labels(oracle), setup.topics().ids(),
                    new double[] {setup.holdBack(), 1 - setup.holdBack()}, seed);
            test = new ArrayList<>();
            rest = new ArrayList<>();
            for (int i = 0; i < oracle.size(); i++) {
                (part[i] == 0 ? test : rest).add(oracle.get(i));
            }
            if (test.isEmpty() || rest.isEmpty()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%d labelled item(s) are"
                        + " too few to hold back %.0f%% for scoring and query the rest; label more or give a test"
                        + " set", oracle.size(), setup.holdBack() * 100));
            }
        }
        List<LabelledItem> start = new ArrayList<>(setup.start());
        List<LabelledItem> pool = new ArrayList<>(rest);
        if (setup.startDraws() > 0 && !pool.isEmpty()) {
            Collections.shuffle(pool, new Random(Seeds.derive(seed, 1)));
            int k = Math.min(setup.startDraws(), pool.size());
            start.addAll(pool.subList(0, k));
            pool = new ArrayList<>(pool.subList(k, pool.size()));
        }
        return new Split(List.copyOf(start), List.copyOf(pool), List.copyOf(test));
    }

    private static List<Set<String>> labels(List<LabelledItem> items) {
        return items.stream().map(LabelledItem::topics).toList();
    }

    private List<Round> runOne(Split split, String strategyId, int repeat, Consumer<String> progress) {
        Strategy strategy = Strategies.get(strategyId);
        BinaryRelevanceTrainer trainer = Trainer.forConfig(setup.config());
        boolean committee = strategy.needsCommittee();
        List<LabelledItem> labelled = new ArrayList<>(split.start());
        Map<String, LabelledItem> hidden = new HashMap<>();
        List<Snippet> pool = new ArrayList<>();
        for (LabelledItem it : split.pool()) {
            hidden.put(it.id(), it);
            pool.add(it.snippet());
        }
        List<Round> rounds = new ArrayList<>();
        int queried = 0;
        for (int round = 0; ; round++) {
            long seed = Seeds.derive(setup.seed(), repeat, round);
            BinaryRelevanceTrainer.Committee c = labelled.isEmpty() ? null
                    : trainer.trainWithCommittee(TrainingSet.of(setup.topics(), labelled).withUnlabelled(
                            setup.unlabelled(), null), seed);
            rounds.add(score(c == null ? null : c.model(), split.test(), queried, labelled.size()));
            progress.accept("repeat " + (repeat + 1) + " " + strategy.id() + " round " + round + " (" + queried
                    + " queried)");
            if (queried >= setup.budget() || pool.isEmpty()) {
                return rounds;
            }
            int n = Math.min(setup.batch(), setup.budget() - queried);
            Selection sel = Selection.of(setup.topics(), labelled, pool, c == null ? null : c.model(),
                    committee && c != null ? c.folds() : List.of(), seed, similarity.encoder(setup.config()));
            List<Pick> picks = strategy.select(sel, n);
            if (picks.isEmpty()) {
                return rounds;
            }
            for (Pick p : picks) {
                LabelledItem revealed = hidden.remove(p.item().id());
                if (revealed == null) {
                    throw new IllegalStateException("strategy picked an item that is not in the pool: "
                            + p.item().id());
                }
                labelled.add(revealed);
                pool.removeIf(s -> s.id().equals(revealed.id()));
            }
            queried += picks.size();
        }
    }

    private Round score(TrainedModel model, List<LabelledItem> test, int queried, int labels) {
        return score(setup.topics(), model, test, queried, labels);
    }

    /**
     * Scores {@code model}'s decisions on the test items: per-topic, macro- and micro-F1 with eval's
     * {@link Confusion} (no model yet: nothing is predicted).
     */
    static Round score(TopicSet topics, ScoringModel model, List<LabelledItem> test, int queried, int labels) {
        List<String> ids = topics.ids();
        boolean[][] gold = new boolean[test.size()][ids.size()];
        boolean[][] predicted = new boolean[test.size()][ids.size()];
        for (int i = 0; i < test.size(); i++) {
            LabelledItem it = test.get(i);
            Tagging t = model == null ? null : model.tag(it.title(), it.text());
            for (int k = 0; k < ids.size(); k++) {
                gold[i][k] = it.has(ids.get(k));
                predicted[i][k] = t != null && t.has(ids.get(k));
            }
        }
        Confusion[] perTopic = Metrics.confusions(gold, predicted, ids.size());
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            f1.put(ids.get(k), perTopic[k].f1());
        }
        return new Round(queried, labels, Metrics.macroF1(perTopic), Metrics.microF1(perTopic), f1);
    }
}
