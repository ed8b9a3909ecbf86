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
import java.util.Arrays;
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
 * is cross-validated as recheck does it (10 folds x R repeats, the default config, no unlabelled items), and
 * rankings are compared by how many flipped items their first 10, 25 and 50 distinct ids hold: recheck's (the
 * baseline |label - score| order), an ensemble candidate (the mean of the SMO's, an embedding logistic model's
 * and the kNN label share's scores, {@link Judges}), and the gold-trained cross-validation's scores (a ceiling).
 * Draws d = first .. first + draws - 1. {@code --dump DIR} writes each draw's out-of-fold scores for
 * {@code recheck_rankers.py}; {@code --clean-from DIR/clean.tsv} reuses a dumped clean cross-validation.
 *
 * <pre>RUBRIQUE_CACHE=/work/cache nice -n 19 java -cp target/rubrique.jar src/bench/study/RecheckStudy.java
 * [--cv-repeats 3] [--draws 3] [--first 0] [--dump DIR] [--clean-from FILE]</pre>
 * Pool texts are read from ../shared/pool/ and never written; only counts and scores are printed or dumped.
 */
public final class RecheckStudy {
    static final int[] AT = {10, 25, 50};

    public static void main(String[] args) throws Exception {
        int cvRepeats = 3;
        int draws = 3;
        int first = 0;
        Path dump = null;
        Path cleanFrom = null;
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cv-repeats" -> cvRepeats = Integer.parseInt(args[++i]);
                case "--draws" -> draws = Integer.parseInt(args[++i]);
                case "--first" -> first = Integer.parseInt(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--clean-from" -> cleanFrom = Path.of(args[++i]);
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
        double[][] emb = embeddings(items, cfg.features());
        int flips = Math.round(items.size() * 0.1f);
        System.out.printf(Locale.ROOT, "%d items, %d flipped per draw, %d folds x %d repeats%n", items.size(), flips,
                10, cvRepeats);

        double[][] clean;
        if (cleanFrom != null) {
            clean = readClean(cleanFrom, items.size(), topics.size());
            System.out.println("clean out-of-fold scores from " + cleanFrom);
        } else {
            long t0 = System.nanoTime();
            List<Predictions> cleanPreds = oof(items, topics, trainer, cvRepeats, 7);
            System.out.printf(Locale.ROOT, "clean CV: %.0f s%n", (System.nanoTime() - t0) / 1e9);
            clean = Recheck.meanScores(cleanPreds);
            if (dump != null) {
                Files.createDirectories(dump);
                write(dump.resolve("clean.tsv"), items, topics, new HashSet<>(), cleanPreds,
                        FoldPlan.stratified(items, topics, 10, cvRepeats, 7), emb);
            }
        }
        StringBuilder table = new StringBuilder("| flips | draw | recheck = baseline @10 / @25 / @50 | ensemble "
                + "(SMO + logistic + kNN) | gold-trained model's scores | flipped labels the gold-trained model "
                + "agrees with |\n|---|---|---|---|---|---|\n");
        int[][][] sums = new int[2][3][AT.length];
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
                FoldPlan plan = FoldPlan.stratified(noisy, topics, 10, cvRepeats, 11 + d);
                boolean[][] y = labels(noisy, topics);
                double[][] model = Recheck.meanScores(preds);
                double[][] lr = Judges.logistic(emb, y, plan);
                double[][] knn = Judges.neighbours(emb, y, 10);
                double[][] avg = new double[model.length][topics.size()];
                for (int i = 0; i < avg.length; i++) {
                    for (int t = 0; t < avg[i].length; t++) {
                        avg[i][t] = (model[i][t] + lr[i][t] + knn[i][t]) / 3;
                    }
                }
                // a flipped label the clean cross-validation itself scores on the flipped side of 0.5
                int agrees = 0;
                for (int k = 0; k < chosen.size(); k++) {
                    double c = clean[chosen.get(k)][topicOf.get(k)];
                    agrees += noisy.get(chosen.get(k)).has(topics.ids().get(topicOf.get(k))) == (c >= 0.5) ? 1 : 0;
                }
                int[][] h = {hits(Recheck.rank(noisy, topics, preds), flipped), hits(byScores(noisy, y, avg), flipped),
                        hits(byScores(noisy, y, clean), flipped)};
                int row = kind.equals("random") ? 0 : 1;
                for (int m = 0; m < 3; m++) {
                    for (int k = 0; k < AT.length; k++) {
                        sums[row][m][k] += h[m][k];
                    }
                }
                String line = String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d |", kind, d, slash(h[0]),
                        slash(h[1]), slash(h[2]), agrees);
                System.out.println(line);
                System.out.flush();
                table.append(line).append('\n');
            }
        }
        System.out.print(table);
        for (int row = 0; row < 2; row++) {
            System.out.printf(Locale.ROOT, "mean of %d %s draws: recheck %s; ensemble %s; gold-trained model %s%n",
                    draws, row == 0 ? "random" : "borderline", mean(sums[row][0], draws), mean(sums[row][1], draws),
                    mean(sums[row][2], draws));
        }
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
        boolean[][] y = labels(items, topics);
        double[][] lr = Judges.logistic(emb, y, plan);
        double[][] knn = Judges.neighbours(emb, y, 10);
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

    /** The mean out-of-fold SMO scores of a clean.tsv written by {@code --dump} (columns: see {@link #write}). */
    static double[][] readClean(Path file, int n, int nt) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] p = new double[n][nt];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split("\t");
            int repeats = (f.length - 2 - nt - 2 * nt) / nt;
            for (int r = 0; r < repeats; r++) {
                for (int t = 0; t < nt; t++) {
                    p[i][t] += Double.parseDouble(f[2 + nt + r * nt + t]) / repeats;
                }
            }
        }
        return p;
    }

    static List<Integer> shuffled(int n, Random r) {
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            o.add(i);
        }
        java.util.Collections.shuffle(o, r);
        return o;
    }

    static boolean[][] labels(List<LabelledItem> items, TopicSet topics) {
        boolean[][] y = new boolean[items.size()][topics.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < topics.size(); t++) {
                y[i][t] = items.get(i).has(topics.ids().get(t));
            }
        }
        return y;
    }

    /** (item, topic) labels least self-confident first under scores {@code p} (as recheck ranks its own). */
    static List<Recheck.Suspect> byScores(List<LabelledItem> items, boolean[][] y, double[][] p) {
        List<Recheck.Suspect> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int t = 0; t < y[i].length; t++) {
                out.add(new Recheck.Suspect(items.get(i).id(), String.valueOf(t), y[i][t], p[i][t], 0, ""));
            }
        }
        out.sort(Comparator.comparingDouble((Recheck.Suspect s) -> s.given() ? s.score() : 1 - s.score()));
        return out;
    }

    static String slash(int[] h) {
        return h[0] + " / " + h[1] + " / " + h[2];
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

    /** Each item's encoder vector: the default config's encoder block (unit vectors, through the cache). */
    static double[][] embeddings(List<LabelledItem> items, io.rubrique.config.FeatureConfig features) {
        List<String[]> texts = items.stream().map(i -> new String[] {i.title(), i.text()}).toList();
        io.rubrique.text.Featurizer f = io.rubrique.text.FeatureBlocks.fit(texts, features);
        List<io.rubrique.text.Featurizer> blocks = f instanceof io.rubrique.text.FeatureBlocks fb
                ? fb.blocks().stream().map(io.rubrique.text.FeatureBlocks.Weighted::block).toList() : List.of(f);
        for (io.rubrique.text.Featurizer b : blocks) {
            if (b instanceof io.rubrique.text.EncoderBlock e) {
                double[][] x = new double[items.size()][e.size()];
                List<io.rubrique.text.SparseVector> v = e.vectorizeAll(texts);
                for (int i = 0; i < x.length; i++) {
                    io.rubrique.text.SparseVector s = v.get(i);
                    for (int k = 0; k < s.indices().length; k++) {
                        x[i][s.indices()[k]] = s.values()[k];
                    }
                }
                return x;
            }
        }
        throw new IllegalStateException("the config has no encoder block");
    }

    /** The embedding judges measured as ensemble members (not shipped: they did not beat the baseline). */
        static final class Judges {
        /** L2 penalty of the logistic model, per item, on standardised embedding dimensions. */
        static final double RIDGE = 0.05;
        /** Gradient steps of the logistic fit (full batch, fixed step: enough to converge on a few hundred items). */
        static final int STEPS = 300;

        private Judges() {
        }

        /**
         * Out-of-fold probabilities, mean over the plan's repeats, of a class-balanced ridge logistic model per topic
         * on {@code x} (one row per item, data order), {@code y[i][t]} the label as given.
         */
        public static double[][] logistic(double[][] x, boolean[][] y, FoldPlan plan) {
            int n = x.length;
            int nt = y[0].length;
            double[][] p = new double[n][nt];
            for (int r = 0; r < plan.repeats(); r++) {
                for (int f = 0; f < plan.folds(); f++) {
                    int[] train = plan.trainIndices(r, f);
                    int[] test = plan.testIndices(r, f);
                    if (test.length == 0) {
                        continue;
                    }
                    double[][] z = standardise(x, train);
                    for (int t = 0; t < nt; t++) {
                        double[] w = fit(z, y, train, t);
                        for (int i : test) {
                            p[i][t] += sigmoid(dot(w, z[i])) / plan.repeats();
                        }
                    }
                }
            }
            return p;
        }

        /**
         * Each item's share of the topic among its {@code k} most similar other items (cosine of the centred
         * embeddings, similarity-weighted), pulled towards the topic's base rate as if by one extra neighbour.
         */
        public static double[][] neighbours(double[][] x, boolean[][] y, int k) {
            int n = x.length;
            int nt = y[0].length;
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            double[][] z = unit(centre(x, all));
            double[] base = new double[nt];
            for (boolean[] row : y) {
                for (int t = 0; t < nt; t++) {
                    base[t] += row[t] ? 1.0 / n : 0;
                }
            }
            double[][] p = new double[n][nt];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                double[] sim = new double[n];
                for (int j = 0; j < n; j++) {
                    sim[j] = j == i ? Double.NEGATIVE_INFINITY : dot(z[i], z[j]);
                    order[j] = j;
                }
                Arrays.sort(order, (a, b) -> a == b ? 0 : sim[b] != sim[a] ? Double.compare(sim[b], sim[a]) : a - b);
                double wsum = 0;
                double[] num = new double[nt];
                for (int m = 0; m < Math.min(k, n - 1); m++) {
                    int j = order[m];
                    double w = Math.max(1e-3, sim[j]);
                    wsum += w;
                    for (int t = 0; t < nt; t++) {
                        num[t] += y[j][t] ? w : 0;
                    }
                }
                double prior = wsum / Math.max(1, Math.min(k, n - 1));
                for (int t = 0; t < nt; t++) {
                    p[i][t] = (num[t] + prior * base[t]) / (wsum + prior);
                }
            }
            return p;
        }

        private static double[] fit(double[][] z, boolean[][] y, int[] train, int t) {
            int d = z[0].length;
            int pos = 0;
            for (int i : train) {
                pos += y[i][t] ? 1 : 0;
            }
            int neg = train.length - pos;
            double[] w = new double[d + 1];
            if (pos == 0 || neg == 0) {
                w[d] = pos == 0 ? -4 : 4;
                return w;
            }
            // balanced weights: each side weighs half
            double wp = 0.5 / pos;
            double wn = 0.5 / neg;
            double step = 4.0;
            double[] g = new double[d + 1];
            for (int s = 0; s < STEPS; s++) {
                Arrays.fill(g, 0);
                for (int i : train) {
                    double e = (sigmoid(dot(w, z[i])) - (y[i][t] ? 1 : 0)) * (y[i][t] ? wp : wn);
                    for (int j = 0; j < d; j++) {
                        g[j] += e * z[i][j];
                    }
                    g[d] += e;
                }
                for (int j = 0; j < d; j++) {
                    g[j] += RIDGE * w[j];
                }
                for (int j = 0; j <= d; j++) {
                    w[j] -= step * g[j];
                }
            }
            return w;
        }

        /** The rows of {@code x} centred and scaled by the mean and spread of the {@code rows} given, plus nothing. */
        private static double[][] standardise(double[][] x, int[] rows) {
            int d = x[0].length;
            double[] mean = new double[d];
            double[] sq = new double[d];
            for (int i : rows) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j] / rows.length;
                }
            }
            for (int i : rows) {
                for (int j = 0; j < d; j++) {
                    double v = x[i][j] - mean[j];
                    sq[j] += v * v / rows.length;
                }
            }
            // a shared scale (root mean variance) keeps the embedding's geometry; divided by sqrt(d) so a row's norm is ~1
            double var = 0;
            for (double v : sq) {
                var += v;
            }
            double s = var > 0 ? 1 / Math.sqrt(var) : 1;
            double[][] z = new double[x.length][d];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < d; j++) {
                    z[i][j] = (x[i][j] - mean[j]) * s;
                }
            }
            return z;
        }

        private static double[][] centre(double[][] x, int[] rows) {
            int d = x[0].length;
            double[] mean = new double[d];
            for (int i : rows) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j] / rows.length;
                }
            }
            double[][] z = new double[x.length][d];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < d; j++) {
                    z[i][j] = x[i][j] - mean[j];
                }
            }
            return z;
        }

        private static double[][] unit(double[][] x) {
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                double norm = Math.sqrt(dot(x[i], x[i]));
                z[i] = new double[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    z[i][j] = norm > 0 ? x[i][j] / norm : 0;
                }
            }
            return z;
        }

        private static double dot(double[] w, double[] z) {
            double s = w.length > z.length ? w[z.length] : 0;
            for (int j = 0; j < z.length; j++) {
                s += w[j] * z[j];
            }
            return s;
        }

        private static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }
    }
}
