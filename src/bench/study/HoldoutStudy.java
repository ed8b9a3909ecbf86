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
 *
 * <p>Other systems join the same table through files: {@code --splits-out FILE} writes every split (pool ids of
 * the training draw and of the test items, per repeat and size; no text), a peer script (e.g.
 * {@code src/bench/pool_peers.py}) trains on exactly those splits and writes per-topic F1 in the format
 * {@code --scores-out} writes, and {@code --peer-scores FILE} adds that file's systems as rows compared with the
 * first config. Fits run repeat by repeat and the report is rewritten after each completed repeat, so a study
 * stopped early leaves an honest "J of N repeats" table.
 */
public final class HoldoutStudy {

    public static void main(String[] args) throws Exception {
        Path seedsPath = Path.of("labels/snippets.jsonl");
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        Path unlabelledPath = Path.of("../shared/pool/unlabelled.jsonl");
        Path out = null;
        Path splitsOut = null;
        Path scoresOut = null;
        List<Path> peerFiles = new ArrayList<>();
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
                case "--splits-out" -> splitsOut = Path.of(args[++i]);
                case "--scores-out" -> scoresOut = Path.of(args[++i]);
                case "--peer-scores" -> peerFiles.add(Path.of(args[++i]));
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                default -> configs.add(Path.of(args[i]));
            }
        }
        if (!Files.isRegularFile(poolPath)) {
            System.err.println("pool not found: " + poolPath + " (nothing to do)");
            return;
        }
        if (splitsOut != null) {
            writeAtomically(splitsOut, splitsJson(LabelReader.read(poolPath).items(), sizes, repeats, seedsPath,
                    poolPath));
            if (configs.isEmpty()) return;
        }
        if (configs.isEmpty() && peerFiles.isEmpty()) {
            throw new IllegalArgumentException("give at least one config or --peer-scores file (the first is the baseline)");
        }
        LabelSet seedSet = LabelReader.read(seedsPath);
        TopicSet topics = seedSet.topics();
        List<LabelledItem> seeds = seedSet.items();
        List<LabelledItem> pool = LabelReader.read(poolPath).items();
        List<Snippet> unlabelled = Files.isRegularFile(unlabelledPath)
                ? PoolReader.read(List.of(unlabelledPath)).items() : List.of();
        if (configs.isEmpty()) { // render only: the first system of the first scores file is the baseline
            List<Peer> peers = new ArrayList<>();
            for (Path p : peerFiles) peers.addAll(Peer.read(p, topics, sizes));
            List<String> names = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            double[][][][] all = new double[peers.size()][][][];
            double[] meanSeconds = new double[peers.size()];
            int usable = Integer.MAX_VALUE;
            for (int k = 0; k < peers.size(); k++) {
                names.add(peers.get(k).name());
                sources.add(peers.get(k).source().toString());
                all[k] = peers.get(k).f1();
                meanSeconds[k] = peers.get(k).fitSeconds();
                usable = Math.min(usable, peers.get(k).repeats());
            }
            String md = render(names, sources, sizes, usable, usable, all, meanSeconds, 0, 0, topics, seeds.size(),
                    pool.size(), unlabelled.size(), seedsPath, poolPath, unlabelledPath, args);
            if (out != null) writeAtomically(out, md);
            System.out.print(md);
            return;
        }
        List<ExperimentConfig> cfgs = new ArrayList<>();
        for (Path p : configs) cfgs.add(ExperimentConfig.read(p));
        int nTopics = topics.ids().size();

        // f1[config][size][repeat][topic]; seconds[config] summed over all fits
        double[][][][] f1 = new double[cfgs.size()][sizes.size()][repeats][nTopics];
        double[] seconds = new double[cfgs.size()];
        ExecutorService pool2 = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        long wall = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            for (int c = 0; c < cfgs.size(); c++) {
                for (int s = 0; s < sizes.size(); s++) {
                    int cc = c, ss = s, rr = r;
                    List<Integer> sz = sizes;
                    jobs.add(pool2.submit(() -> {
                        int n = sz.get(ss);
                        List<LabelledItem> shuffled = shuffled(pool, rr); // same split for every config
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
        List<Peer> peers = new ArrayList<>();
        for (Path p : peerFiles) peers.addAll(Peer.read(p, topics, sizes));
        List<String> names = new ArrayList<>();
        for (ExperimentConfig c : cfgs) names.add(c.name());
        for (Peer p : peers) names.add(p.name());
        List<String> sources = new ArrayList<>();
        for (Path p : configs) sources.add(p.toString());
        for (Peer p : peers) sources.add(p.source().toString());
        int perRepeat = cfgs.size() * sizes.size();
        String md = "";
        for (int i = 0; i < jobs.size(); i++) {
            jobs.get(i).get();
            if ((i + 1) % perRepeat != 0) continue;
            int done = (i + 1) / perRepeat;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double[][][][] all = new double[names.size()][][][];
            double[] meanSeconds = new double[names.size()];
            for (int c = 0; c < cfgs.size(); c++) {
                all[c] = f1[c];
                synchronized (seconds) { meanSeconds[c] = seconds[c] / (sizes.size() * done); }
            }
            for (int k = 0; k < peers.size(); k++) {
                all[cfgs.size() + k] = peers.get(k).f1();
                meanSeconds[cfgs.size() + k] = peers.get(k).fitSeconds();
            }
            int usable = done;
            for (Peer p : peers) usable = Math.min(usable, p.repeats());
            md = render(names, sources, sizes, usable, repeats, all, meanSeconds, wallSeconds, threads, topics,
                    seeds.size(), pool.size(), unlabelled.size(), seedsPath, poolPath, unlabelledPath, args);
            if (out != null) writeAtomically(out, md);
            if (scoresOut != null) writeAtomically(scoresOut, scoresJson(cfgs, configs, sizes, done, f1, meanSeconds, topics));
            System.err.println("repeat " + done + " of " + repeats + " done (" + String.format("%.0f", wallSeconds) + " s)");
        }
        pool2.shutdown();
        System.out.print(md);
    }

    /** The pool order of repeat r: every config and every peer trains on its first n items and is scored on the rest. */
    static List<LabelledItem> shuffled(List<LabelledItem> pool, int r) {
        List<LabelledItem> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(1000L + r));
        return shuffled;
    }

    private static void writeAtomically(Path out, String content) throws IOException {
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every split as pool ids (no text): {"seeds", "pool", "pool_sha256", "splits": [{repeat, size, train, test}]}. */
    private static String splitsJson(List<LabelledItem> pool, List<Integer> sizes, int repeats, Path seedsPath,
                                     Path poolPath) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"seeds\": ").append(quote(seedsPath.toString())).append(", \"pool\": ")
                .append(quote(poolPath.toString())).append(", \"pool_sha256\": ").append(quote(Hashing.sha256(poolPath)))
                .append(", \"repeats\": ").append(repeats).append(", \"sizes\": ").append(sizes)
                .append(", \"splits\": [\n");
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<LabelledItem> order = shuffled(pool, r);
            for (int n : sizes) {
                rows.add("{\"repeat\": " + r + ", \"size\": " + n + ", \"train\": " + ids(order.subList(0, n))
                        + ", \"test\": " + ids(order.subList(n, order.size())) + "}");
            }
        }
        return sb.append(String.join(",\n", rows)).append("\n]}\n").toString();
    }

    private static String ids(List<LabelledItem> items) {
        List<String> q = new ArrayList<>();
        for (LabelledItem it : items) q.add(quote(it.id()));
        return "[" + String.join(", ", q) + "]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Per-topic F1 of every config, size and completed repeat, in the format {@code --peer-scores} reads. */
    private static String scoresJson(List<ExperimentConfig> cfgs, List<Path> paths, List<Integer> sizes, int done,
                                     double[][][][] f1, double[] meanSeconds, TopicSet topics) {
        List<String> systems = new ArrayList<>();
        for (int c = 0; c < cfgs.size(); c++) {
            List<String> bySize = new ArrayList<>();
            for (int s = 0; s < sizes.size(); s++) {
                List<String> reps = new ArrayList<>();
                for (int r = 0; r < done; r++) {
                    List<String> v = new ArrayList<>();
                    for (double x : f1[c][s][r]) v.add(Double.toString(x));
                    reps.add("[" + String.join(", ", v) + "]");
                }
                bySize.add(quote(Integer.toString(sizes.get(s))) + ": [" + String.join(", ", reps) + "]");
            }
            systems.add("{\"name\": " + quote(cfgs.get(c).name()) + ", \"source\": " + quote(paths.get(c).toString())
                    + ", \"fit_seconds_mean\": " + meanSeconds[c] + ", \"f1\": {" + String.join(", ", bySize) + "}}");
        }
        List<String> t = new ArrayList<>();
        for (String id : topics.ids()) t.add(quote(id));
        return "{\"topics\": [" + String.join(", ", t) + "], \"repeats\": " + done + ", \"systems\": [\n"
                + String.join(",\n", systems) + "\n]}\n";
    }

    /** Another system's per-topic F1 on the same splits, read from a scores file (see {@link #scoresJson}). */
    record Peer(String name, Path source, double fitSeconds, int repeats, double[][][] f1) {
        static List<Peer> read(Path file, TopicSet topics, List<Integer> sizes) throws IOException {
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.toFile());
            List<String> fileTopics = new ArrayList<>();
            root.get("topics").forEach(n -> fileTopics.add(n.asText()));
            if (!fileTopics.equals(topics.ids())) {
                throw new IllegalArgumentException(file + ": topics " + fileTopics + " are not " + topics.ids());
            }
            List<Peer> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode sys : root.get("systems")) {
                int reps = Integer.MAX_VALUE;
                for (int n : sizes) {
                    com.fasterxml.jackson.databind.JsonNode bySize = sys.get("f1").get(Integer.toString(n));
                    if (bySize == null) throw new IllegalArgumentException(file + ": " + sys.get("name") + " has no size " + n);
                    reps = Math.min(reps, bySize.size());
                }
                double[][][] f = new double[sizes.size()][reps][fileTopics.size()];
                for (int s = 0; s < sizes.size(); s++) {
                    com.fasterxml.jackson.databind.JsonNode bySize = sys.get("f1").get(Integer.toString(sizes.get(s)));
                    for (int r = 0; r < reps; r++) {
                        for (int k = 0; k < fileTopics.size(); k++) f[s][r][k] = bySize.get(r).get(k).asDouble();
                    }
                }
                out.add(new Peer(sys.get("name").asText(), Path.of(sys.path("source").asText(file.toString())),
                        sys.path("fit_seconds_mean").asDouble(Double.NaN),
                        reps, f));
            }
            return out;
        }
    }

    private static double macro(double[] perTopic) {
        double s = 0;
        for (double v : perTopic) s += v;
        return s / perTopic.length;
    }

    private static String render(List<String> names, List<String> paths, List<Integer> sizes, int repeats,
                                 int planned, double[][][][] f1, double[] meanSeconds, double wallSeconds, int threads,
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
        sb.append("Protocol: for each of ").append(repeats).append(repeats < planned ? " (of " + planned + " planned; the study was stopped or is still running)" : "")
                .append(" repeats the pool is shuffled (seed 1000 + repeat); ")
                .append("the model is trained on the seeds plus the first n pool items (training seed 42 + repeat) ")
                .append("and scored on the remaining pool items (macro-F1 over ").append(topics.ids().size())
                .append(" topics). Every config sees the same splits. Δ is the mean paired difference against `")
                .append(names.get(0)).append("`, p the two-sided Nadeau–Bengio corrected resampled t-test ")
                .append("(variance × (1/J + n_test/n_train)), which is conservative here because test sets are large ")
                .append("beside training sets. Code revision `").append(System.getProperty("rubrique.revision", revision()))
                .append("`; ").append(threads > 0 ? threads + " worker threads; wall " + String.format("%.0f", wallSeconds)
                        + " s" : "rendered from the scores files given (each names its own run), no fit in this run")
                .append(".\n\n");

        sb.append("| config |");
        for (int n : sizes) sb.append(" n=").append(n).append(" (").append(nSeeds + n).append(" train) |");
        sb.append(" fit time (s, mean) |\n|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("---|\n");
        for (int c = 0; c < names.size(); c++) {
            sb.append("| `").append(names.get(c)).append("` |");
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
            sb.append(Double.isNaN(meanSeconds[c]) ? " — |\n" : String.format(" %.1f |\n", meanSeconds[c]));
        }
        sb.append("\nPer-topic F1 (mean over repeats), ").append(String.join(" / ", topics.ids())).append(":\n\n| config |");
        for (int n : sizes) sb.append(" n=").append(n).append(" |");
        sb.append("\n|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("\n");
        for (int c = 0; c < names.size(); c++) {
            sb.append("| `").append(names.get(c)).append("` |");
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
        sb.append("\nPer-topic paired differences against `").append(names.get(0))
                .append("` (Δ F1, corrected t-test p); which option helps which topic:\n\n| config | topic |");
        for (int n : sizes) sb.append(" n=").append(n).append(" |");
        sb.append("\n|---|---|");
        for (int ignored : sizes) sb.append("---|");
        sb.append("\n");
        for (int c = 1; c < names.size(); c++) {
            for (int k = 0; k < topics.ids().size(); k++) {
                sb.append("| `").append(names.get(c)).append("` | ").append(topics.ids().get(k)).append(" |");
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
        for (int c = 0; c < names.size(); c++) cs.add("`" + names.get(c) + "` = `" + paths.get(c) + "`");
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
