import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PoolReader;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import io.rubrique.eval.CorrectedTTest;
import io.rubrique.util.Hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pool holdout study: every config is trained on the seeds plus n items of the labelled pool and scored on the
 * pool items not used for training, on the same random splits for every config, then compared with the first
 * config by the Nadeau-Bengio corrected resampled t-test (the test sets of different splits overlap, so a
 * plain paired t-test would be far too confident).
 *
 * <p>Run from the repository root after {@code mvn package} (Java 17 launches a single source file):
 * <pre>java -cp target/rubrique.jar src/bench/study/HoldoutStudy.java --pool ../shared/pool/labelled.jsonl \
 *   --unlabelled ../shared/pool/unlabelled.jsonl --sizes 0,50,100 --repeats 10 --out experiments/POOL-STUDY.md \
 *   BASELINE.json OTHER.json…</pre>
 * The pool is third-party text: it is read from where it lies and nothing of it is written but scores.
 */
public final class HoldoutStudy {

    public static void main(String[] args) throws Exception {
        Path seedsPath = Path.of("labels/snippets.jsonl");
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        Path unlabelledPath = Path.of("../shared/pool/unlabelled.jsonl");
        Path out = null;
        int repeats = 10;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Integer> sizes = List.of(0, 50, 100);
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seedsPath = Path.of(args[++i]);
                case "--pool" -> poolPath = Path.of(args[++i]);
                case "--unlabelled" -> unlabelledPath = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                default -> configs.add(Path.of(args[i]));
            }
        }
        if (configs.isEmpty()) throw new IllegalArgumentException("give at least one config (the first is the baseline)");
        if (!Files.isRegularFile(poolPath)) {
            System.err.println("pool not found: " + poolPath + " (nothing to do)");
            return;
        }
        LabelSet seedSet = LabelReader.read(seedsPath);
        TopicSet topics = seedSet.topics();
        List<LabelledItem> seeds = seedSet.items();
        List<LabelledItem> pool = LabelReader.read(poolPath).items();
        List<Snippet> unlabelled = Files.isRegularFile(unlabelledPath)
                ? PoolReader.read(List.of(unlabelledPath)).items() : List.of();
        List<ExperimentConfig> cfgs = new ArrayList<>();
        for (Path p : configs) cfgs.add(ExperimentConfig.read(p));
        int nTopics = topics.ids().size();

        // f1[config][size][repeat][topic]; seconds[config] summed over all fits
        double[][][][] f1 = new double[cfgs.size()][sizes.size()][repeats][nTopics];
        double[] seconds = new double[cfgs.size()];
        ExecutorService pool2 = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        long wall = System.nanoTime();
        for (int c = 0; c < cfgs.size(); c++) {
            for (int s = 0; s < sizes.size(); s++) {
                for (int r = 0; r < repeats; r++) {
                    int cc = c, ss = s, rr = r;
                    List<Integer> sz = sizes;
                    jobs.add(pool2.submit(() -> {
                        int n = sz.get(ss);
                        List<LabelledItem> shuffled = new ArrayList<>(pool);
                        Collections.shuffle(shuffled, new Random(1000L + rr)); // same split for every config
                        List<LabelledItem> train = new ArrayList<>(seeds);
                        train.addAll(shuffled.subList(0, n));
                        List<LabelledItem> test = shuffled.subList(n, shuffled.size());
                        long t0 = System.nanoTime();
                        TrainedModel m = new BinaryRelevanceTrainer(cfgs.get(cc))
                                .train(TrainingSet.of(topics, train).withUnlabelled(unlabelled, null), 42L + rr);
                        synchronized (seconds) { seconds[cc] += (System.nanoTime() - t0) / 1e9; }
                        int[][] counts = new int[nTopics][3]; // tp, fp, fn
                        for (LabelledItem it : test) {
                            Tagging tagging = m.tag(it.title(), it.text());
                            int k = 0;
                            for (String t : topics.ids()) {
                                boolean gold = it.has(t), predicted = tagging.has(t);
                                if (gold && predicted) counts[k][0]++;
                                else if (predicted) counts[k][1]++;
                                else if (gold) counts[k][2]++;
                                k++;
                            }
                        }
                        for (int k = 0; k < nTopics; k++) {
                            int denom = 2 * counts[k][0] + counts[k][1] + counts[k][2];
                            f1[cc][ss][rr][k] = denom == 0 ? 1.0 : 2.0 * counts[k][0] / denom;
                        }
                        return null;
                    }));
                }
            }
        }
        for (Future<?> j : jobs) j.get();
        pool2.shutdown();
        double wallSeconds = (System.nanoTime() - wall) / 1e9;

        String md = render(cfgs, configs, sizes, repeats, f1, seconds, wallSeconds, threads, topics, seeds.size(),
                pool.size(), unlabelled.size(), seedsPath, poolPath, unlabelledPath, args);
        if (out == null) {
            System.out.print(md);
        } else {
            Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
            Files.writeString(tmp, md, StandardCharsets.UTF_8);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.print(md);
        }
    }

    private static double macro(double[] perTopic) {
        double s = 0;
        for (double v : perTopic) s += v;
        return s / perTopic.length;
    }

    private static String render(List<ExperimentConfig> cfgs, List<Path> paths, List<Integer> sizes, int repeats,
                                 double[][][][] f1, double[] seconds, double wallSeconds, int threads,
                                 TopicSet topics, int nSeeds, int nPool, int nUnlabelled, Path seedsPath,
                                 Path poolPath, Path unlabelledPath, String[] args) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Pool holdout study\n\n");
        sb.append("Generated by `java -cp target/rubrique.jar src/bench/study/HoldoutStudy.java ")
                .append(String.join(" ", args)).append("` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(".\n\n");
        sb.append("Data: seeds `").append(seedsPath).append("` (").append(nSeeds).append(" items, sha256 `")
                .append(Hashing.sha256(seedsPath).substring(0, 16)).append("…`); labelled pool `").append(poolPath).append("` (")
                .append(nPool).append(" items, sha256 `").append(Hashing.sha256(poolPath).substring(0, 16))
                .append("…`); unlabelled `").append(unlabelledPath).append("` (").append(nUnlabelled)
                .append(" items").append(nUnlabelled > 0 ? ", sha256 `" + Hashing.sha256(unlabelledPath).substring(0, 16) + "…`" : "")
                .append(", offered to every config; only configs with an `unlabelled` method use it).\n\n");
        sb.append("Protocol: for each of ").append(repeats).append(" repeats the pool is shuffled (seed 1000 + repeat); ")
                .append("the model is trained on the seeds plus the first n pool items (training seed 42 + repeat) ")
                .append("and scored on the remaining pool items (macro-F1 over ").append(topics.ids().size())
                .append(" topics). Every config sees the same splits. Δ is the mean paired difference against `")
                .append(cfgs.get(0).name()).append("`, p the two-sided Nadeau–Bengio corrected resampled t-test ")
                .append("(variance × (1/J + n_test/n_train)), which is conservative here because test sets are large ")
                .append("beside training sets. Code revision `").append(System.getProperty("rubrique.revision", revision()))
                .append("`; ").append(threads).append(" worker threads; wall ").append(String.format("%.0f", wallSeconds))
                .append(" s.\n\n");

        sb.append("| config |");
        for (int n : sizes) sb.append(" n=").append(n).append(" (").append(nSeeds + n).append(" train) |");
        sb.append(" fit time (s, mean) |\n|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("---|\n");
        for (int c = 0; c < cfgs.size(); c++) {
            sb.append("| `").append(cfgs.get(c).name()).append("` |");
            for (int s = 0; s < sizes.size(); s++) {
                double[] m = new double[repeats];
                double[] d = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    m[r] = macro(f1[c][s][r]);
                    d[r] = m[r] - macro(f1[0][s][r]);
                }
                sb.append(String.format(" %.3f", mean(m)));
                if (c > 0) {
                    int nTrain = nSeeds + sizes.get(s), nTest = nPool - sizes.get(s);
                    sb.append(String.format(" (Δ %+.3f, p %s)", mean(d), fmtP(correctedP(d, nTest, nTrain))));
                }
                sb.append(" |");
            }
            sb.append(String.format(" %.1f |\n", seconds[c] / (sizes.size() * repeats)));
        }
        sb.append("\nPer-topic F1 (mean over repeats), ").append(String.join(" / ", topics.ids())).append(":\n\n| config |");
        for (int n : sizes) sb.append(" n=").append(n).append(" |");
        sb.append("\n|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("\n");
        for (int c = 0; c < cfgs.size(); c++) {
            sb.append("| `").append(cfgs.get(c).name()).append("` |");
            for (int s = 0; s < sizes.size(); s++) {
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < topics.ids().size(); k++) {
                    double v = 0;
                    for (int r = 0; r < repeats; r++) v += f1[c][s][r][k] / repeats;
                    parts.add(String.format("%.2f", v));
                }
                sb.append(' ').append(String.join(" / ", parts)).append(" |");
            }
            sb.append("\n");
        }
        sb.append("\nPer-topic paired differences against `").append(cfgs.get(0).name())
                .append("` (Δ F1, corrected t-test p); which option helps which topic:\n\n| config | topic |");
        for (int n : sizes) sb.append(" n=").append(n).append(" |");
        sb.append("\n|---|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("\n");
        for (int c = 1; c < cfgs.size(); c++) {
            for (int k = 0; k < topics.ids().size(); k++) {
                sb.append("| `").append(cfgs.get(c).name()).append("` | ").append(topics.ids().get(k)).append(" |");
                for (int s = 0; s < sizes.size(); s++) {
                    double[] d = new double[repeats];
                    for (int r = 0; r < repeats; r++) d[r] = f1[c][s][r][k] - f1[0][s][r][k];
                    int nTrain = nSeeds + sizes.get(s), nTest = nPool - sizes.get(s);
                    sb.append(String.format(" %+.3f (p %s) |", mean(d), fmtP(correctedP(d, nTest, nTrain))));
                }
                sb.append("\n");
            }
        }
        sb.append("\nConfigs: ");
        List<String> cs = new ArrayList<>();
        for (int c = 0; c < cfgs.size(); c++) cs.add("`" + cfgs.get(c).name() + "` = `" + paths.get(c) + "`");
        sb.append(String.join(", ", cs)).append(".\n");
        return sb.toString();
    }

    /** Two-sided p of the corrected resampled t-test (the project's {@link CorrectedTTest}) on J paired differences. */
    static double correctedP(double[] d, int nTest, int nTrain) {
        return d.length < 2 ? Double.NaN : CorrectedTTest.test(d, (double) nTest / nTrain).p();
    }

    private static String fmtP(double p) {
        return p < 0.001 ? "<0.001" : String.format("%.3f", p);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }


    private static String revision() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String rev = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
            boolean isDirty = !new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
            return p.waitFor() == 0 ? rev + (isDirty ? "-dirty" : "") : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
