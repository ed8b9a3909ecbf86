import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.TopicSet;
import io.rubrique.eval.CrossValidator;
import io.rubrique.eval.FoldPlan;
import io.rubrique.eval.FoldResult;
import io.rubrique.eval.Predictions;
import io.rubrique.eval.Progress;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.TrainingSet;
import io.rubrique.trust.Recheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Does {@code rubrique recheck} find wrong labels? The seeds and the labelled pool (249 items); 10% of the items
 * (25) get one topic flipped, seeded: either a random topic of random items, or the most borderline topic of items
 * drawn among the 60 whose clean out-of-fold score sits closest to a topic's decision threshold. The flipped set
 * is cross-validated as recheck does it (10 folds x R repeats, the default config, no unlabelled items), and two
 * rankings of the same out-of-fold scores are compared by how many flipped items their first 10, 25 and 50
 * distinct ids hold: recheck's confident-learning ratio and the baseline |label - score|.
 *
 * <pre>nice -n 10 java -cp target/rubrique.jar src/bench/study/RecheckStudy.java [--cv-repeats 3] [--draws 3]</pre>
 * Pool texts are read from ../shared/pool/ and never written; only counts are printed.
 */
public final class RecheckStudy {
    static final int[] AT = {10, 25, 50};

    public static void main(String[] args) throws Exception {
        int cvRepeats = 3;
        int draws = 3;
        int first = 0;
        Path dump = null;
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cv-repeats" -> cvRepeats = Integer.parseInt(args[++i]);
                case "--draws" -> draws = Integer.parseInt(args[++i]);
                case "--first" -> first = Integer.parseInt(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--pool" -> poolPath = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!Files.isRegularFile(poolPath)) {
            System.err.println("pool not found: " + poolPath + " (nothing to do)");
            return;
        }
        LabelSet seedSet = LabelReader.read(Path.of("labels/snippets.jsonl"));
        TopicSet topics = seedSet.topics();
        List<LabelledItem> items = new ArrayList<>(seedSet.items());
        items.addAll(LabelReader.read(poolPath).items());
        ExperimentConfig cfg = ExperimentConfig.read(Path.of("experiments/default.json"));
        BinaryRelevanceTrainer trainer = new BinaryRelevanceTrainer(cfg);
        double[][] emb = Recheck.embeddings(items, cfg.features()).orElseThrow();
        int flips = Math.round(items.size() * 0.1f);
        System.out.printf(Locale.ROOT, "%d items, %d flipped per draw, %d folds x %d repeats%n", items.size(), flips,
                10, cvRepeats);

        long t0 = System.nanoTime();
        List<Predictions> cleanPreds = oof(items, topics, trainer, cvRepeats, 7);
        System.out.printf(Locale.ROOT, "clean CV: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        double[][] clean = Recheck.meanScores(cleanPreds);
        if (dump != null) {
            Files.createDirectories(dump);
            write(dump.resolve("clean.tsv"), items, topics, new HashSet<>(), cleanPreds,
                    FoldPlan.stratified(items, topics, 10, cvRepeats, 7), emb);
        }
        double[] meanThreshold = new double[topics.size()];
        StringBuilder table = new StringBuilder("| flips | draw | recheck @10 / @25 / @50 | baseline @10 / @25 / @50 |\n"
                + "|---|---|---|---|\n");
        int[][] sums = new int[4][AT.length];
        for (String kind : List.of("random", "borderline")) {
            for (int d = first; d < first + draws; d++) {
                Random r = new Random(100L * d + kind.length());
                List<Integer> chosen = new ArrayList<>();
                List<Integer> topicOf = new ArrayList<>();
                if (kind.equals("random")) {
                    List<Integer> order = shuffled(items.size(), r);
                    for (int k = 0; k < flips; k++) {
                        chosen.add(order.get(k));
                        topicOf.add(r.nextInt(topics.size()));
                    }
                } else {
                    // each item's most borderline topic: clean score closest to 0.5 (scores are calibrated)
                    List<int[]> near = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        int best = 0;
                        for (int t = 1; t < topics.size(); t++) {
                            if (Math.abs(clean[i][t] - 0.5) < Math.abs(clean[i][best] - 0.5)) {
                                best = t;
                            }
                        }
                        near.add(new int[] {i, best});
                    }
                    near.sort(Comparator.comparingDouble(x -> Math.abs(clean[x[0]][x[1]] - 0.5)));
                    List<int[]> pool = new ArrayList<>(near.subList(0, 60));
                    java.util.Collections.shuffle(pool, r);
                    for (int k = 0; k < flips; k++) {
                        chosen.add(pool.get(k)[0]);
                        topicOf.add(pool.get(k)[1]);
                    }
                }
                List<LabelledItem> noisy = new ArrayList<>(items);
                Set<String> flipped = new HashSet<>();
                for (int k = 0; k < chosen.size(); k++) {
                    LabelledItem it = noisy.get(chosen.get(k));
                    String t = topics.ids().get(topicOf.get(k));
                    Set<String> ts = new LinkedHashSet<>(it.topics());
                    if (!ts.remove(t)) {
                        ts.add(t);
                    }
                    noisy.set(chosen.get(k), new LabelledItem(it.id(), it.kind(), it.source(), it.title(), it.text(), ts));
                    flipped.add(it.id());
                }
                long t1 = System.nanoTime();
                List<Predictions> preds = oof(noisy, topics, trainer, cvRepeats, 11 + d);
                System.out.printf(Locale.ROOT, "%s %d CV: %.0f s%n", kind, d, (System.nanoTime() - t1) / 1e9);
                if (dump != null) {
                    write(dump.resolve(kind + "-" + d + ".tsv"), noisy, topics, flipped, preds,
                            FoldPlan.stratified(noisy, topics, 10, cvRepeats, 11 + d), emb);
                }
                List<Recheck.Suspect> cl = Recheck.rank(noisy, topics, preds);
                List<Recheck.Suspect> base = new ArrayList<>(cl);
                base.sort(Comparator.comparingDouble((Recheck.Suspect s) -> -(s.given() ? 1 - s.score() : s.score())));
                int[] a = hits(cl, flipped);
                int[] b = hits(base, flipped);
                int row = kind.equals("random") ? 0 : 2;
                System.out.flush();
                for (int k = 0; k < AT.length; k++) {
                    sums[row][k] += a[k];
                    sums[row + 1][k] += b[k];
                }
                String line = String.format(Locale.ROOT, "| %s | %d | %d / %d / %d | %d / %d / %d |", kind, d, a[0], a[1],
                        a[2], b[0], b[1], b[2]);
                System.out.println(line);
                table.append(line).append('\n');
            }
        }
        System.out.print(table);
        System.out.printf(Locale.ROOT, "mean of %d draws: random recheck %s baseline %s; borderline recheck %s baseline %s%n",
                draws, mean(sums[0], draws), mean(sums[1], draws), mean(sums[2], draws), mean(sums[3], draws));
    }

    static List<Predictions> oof(List<LabelledItem> items, TopicSet topics, BinaryRelevanceTrainer trainer,
            int repeats, long seed) {
        TrainingSet data = TrainingSet.of(topics, items);
        FoldPlan plan = FoldPlan.stratified(items, topics, 10, repeats, seed);
        List<FoldResult> results = new CrossValidator(trainer, 2).run(data, plan, CrossValidator.protocolTasks(plan),
                Progress.silent());
        return CrossValidator.pool(items, topics, plan, results, 1.0);
    }

    /** One line per item: index, flipped, labels, each SMO repeat's scores, logistic and neighbour scores. */
    static void write(Path file, List<LabelledItem> items, TopicSet topics, Set<String> flipped, List<Predictions> preds,
            FoldPlan plan, double[][] emb) throws java.io.IOException {
        boolean[][] y = new boolean[items.size()][topics.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < topics.size(); t++) {
                y[i][t] = items.get(i).has(topics.ids().get(t));
            }
        }
        double[][] lr = io.rubrique.trust.RecheckLearners.logistic(emb, y, plan);
        double[][] knn = io.rubrique.trust.RecheckLearners.neighbours(emb, y, 10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i).append('\t').append(flipped.contains(items.get(i).id()) ? 1 : 0);
            for (int t = 0; t < topics.size(); t++) {
                sb.append('\t').append(y[i][t] ? 1 : 0);
            }
            for (Predictions p : preds) {
                for (int t = 0; t < topics.size(); t++) {
                    sb.append('\t').append(String.format(Locale.ROOT, "%.5f", p.scores()[i][t]));
                }
            }
            for (double[][] m : List.of(lr, knn)) {
                for (int t = 0; t < topics.size(); t++) {
                    sb.append('\t').append(String.format(Locale.ROOT, "%.5f", m[i][t]));
                }
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }

    static List<Integer> shuffled(int n, Random r) {
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            o.add(i);
        }
        java.util.Collections.shuffle(o, r);
        return o;
    }

    /** Flipped items among the first 10, 25, 50 distinct ids of a ranking. */
    static int[] hits(List<Recheck.Suspect> ranked, Set<String> flipped) {
        int[] out = new int[AT.length];
        for (int k = 0; k < AT.length; k++) {
            out[k] = (int) Recheck.distinctItems(ranked, AT[k]).stream().filter(s -> flipped.contains(s.id())).count();
        }
        return out;
    }

    static String mean(int[] sums, int draws) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < sums.length; k++) {
            sb.append(k == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", (double) sums[k] / draws));
        }
        return sb.toString();
    }
}
