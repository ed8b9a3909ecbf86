import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.PoolReader;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.Tagging;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import io.rubrique.quant.Estimator;
import io.rubrique.quant.Estimators;
import io.rubrique.quant.Quantifier;
import io.rubrique.quant.References;
import io.rubrique.quant.TopicReference;
import io.rubrique.quant.TopicShare;
import io.rubrique.util.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Quantification study on the labelled pool: for each repeat the pool is shuffled; a model (default config) is
 * trained on the seeds plus the first n pool items, and batches of B items are drawn from the pool items NOT used
 * for training, with one topic's share forced to each of several prevalences (items with and without that topic
 * drawn with replacement: the held-out pool is small). Every estimator quantifies every topic of every batch
 * from the model's scores and the held-out scores its training kept; the truth is the batch's gold share. Reports
 * per method and training size the mean absolute error, the 95% intervals' coverage and mean width.
 *
 * <pre>nice -n 10 java -cp target/rubrique.jar src/bench/study/QuantifyStudy.java --sizes 0,150 --repeats 10 \
 *   --out experiments/QUANTIFY-STUDY.md</pre>
 * The pool is third-party text: it is read from where it lies and nothing of it is written but numbers.
 */
public final class QuantifyStudy {

    public static void main(String[] args) throws Exception {
        Path seedsPath = Path.of("labels/snippets.jsonl");
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        Path unlabelledPath = Path.of("../shared/pool/unlabelled.jsonl");
        Path configPath = Path.of("experiments/default.json");
        Path out = null;
        int repeats = 10;
        int batch = 200;
        List<Integer> sizes = List.of(0, 150);
        double[] prevalences = {0.02, 0.10, 0.20, 0.40, 0.60};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seedsPath = Path.of(args[++i]);
                case "--pool" -> poolPath = Path.of(args[++i]);
                case "--unlabelled" -> unlabelledPath = Path.of(args[++i]);
                case "--config" -> configPath = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        LabelSet seedSet = LabelReader.read(seedsPath);
        TopicSet topics = seedSet.topics();
        List<LabelledItem> seeds = seedSet.items();
        List<LabelledItem> pool = LabelReader.read(poolPath, topics).items();
        List<Snippet> unlabelled = Files.exists(unlabelledPath)
                ? PoolReader.read(List.of(unlabelledPath)).items() : List.of();
        ExperimentConfig config = ExperimentConfig.read(configPath);
        Estimators estimators = Estimators.standard();
        List<String> methods = new ArrayList<>(estimators.ids());
        List<String> ids = topics.ids();

        // results[size][method]: absolute errors, coverage hits, widths (all topics) and errors of the shifted topic
        Map<Integer, Map<String, Stats>> results = new LinkedHashMap<>();
        Map<Integer, Map<String, Map<String, Stats>>> perTopic = new LinkedHashMap<>();
        Map<Integer, int[]> heldOutSizes = new LinkedHashMap<>();
        for (int n : sizes) {
            Map<String, Stats> m = new LinkedHashMap<>();
            Map<String, Map<String, Stats>> pt = new LinkedHashMap<>();
            for (String method : methods) {
                m.put(method, new Stats());
                Map<String, Stats> byTopic = new LinkedHashMap<>();
                ids.forEach(t -> byTopic.put(t, new Stats()));
                pt.put(method, byTopic);
            }
            results.put(n, m);
            perTopic.put(n, pt);
            for (int r = 0; r < repeats; r++) {
                List<LabelledItem> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, new Random(1000 + r));
                List<LabelledItem> train = new ArrayList<>(seeds);
                train.addAll(shuffled.subList(0, n));
                List<LabelledItem> test = shuffled.subList(n, shuffled.size());
                heldOutSizes.put(n, new int[] {train.size(), test.size()});
                TrainedModel model = new BinaryRelevanceTrainer(config)
                        .train(TrainingSet.of(topics, train).withUnlabelled(unlabelled, null), 42L + r);
                PerTopic<TopicReference> refs = References.of(model);
                List<Tagging> tags = test.stream().map(i -> model.tag(i.title(), i.text())).toList();
                Random draw = new Random(7000 + 31L * r + n);
                for (String shifted : ids) {
                    List<Integer> with = new ArrayList<>();
                    List<Integer> without = new ArrayList<>();
                    for (int i = 0; i < test.size(); i++) {
                        (test.get(i).has(shifted) ? with : without).add(i);
                    }
                    if (with.isEmpty() || without.isEmpty()) {
                        continue;
                    }
                    for (double prevalence : prevalences) {
                        int k = (int) Math.round(prevalence * batch);
                        int[] idx = new int[batch];
                        for (int b = 0; b < batch; b++) {
                            List<Integer> from = b < k ? with : without;
                            idx[b] = from.get(draw.nextInt(from.size()));
                        }
                        for (String topic : ids) {
                            double[] s = new double[batch];
                            boolean[] tg = new boolean[batch];
                            int gold = 0;
                            for (int b = 0; b < batch; b++) {
                                s[b] = tags.get(idx[b]).score(topic);
                                tg[b] = tags.get(idx[b]).has(topic);
                                gold += test.get(idx[b]).has(topic) ? 1 : 0;
                            }
                            double truth = (double) gold / batch;
                            for (String method : methods) {
                                Estimator e = estimators.get(method);
                                TopicShare sh = new Quantifier(e).quantify(s, tg, refs.get(topic));
                                m.get(method).add(sh, truth, topic.equals(shifted));
                                pt.get(method).get(topic).add(sh, truth, topic.equals(shifted));
                            }
                        }
                    }
                }
                System.err.printf(Locale.ROOT, "n=%d repeat %d done (%.0f s)%n", n, r,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        long wall = Math.round((System.nanoTime() - t0) / 1e9);

        StringBuilder md = new StringBuilder();
        md.append("# Quantification study\n\n");
        md.append("Generated by `nice -n 10 java -cp target/rubrique.jar src/bench/study/QuantifyStudy.java")
                .append(String.join(" ", java.util.Arrays.stream(args).map(a -> " " + a).toList()))
                .append("` on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Data: seeds `%s` (%d items, sha256 `%s…`); labelled pool `%s` (%d items, "
                + "sha256 `%s…`); unlabelled `%s` (%d items, offered to the default config, which self-trains on "
                + "them). Config `%s`. Code revision `%s`; wall %d s, one worker thread (2 cores shared).%n%n",
                seedsPath, seeds.size(), Hashing.sha256(List.of(seedsPath)).substring(0, 16), poolPath, pool.size(),
                Hashing.sha256(List.of(poolPath)).substring(0, 16), unlabelledPath, unlabelled.size(), configPath,
                io.rubrique.util.Versions.codeRevision(Path.of(".")), wall));
        md.append(String.format(Locale.ROOT, "Protocol: %d repeats; each shuffles the pool (seed 1000 + repeat), trains "
                + "on the seeds plus the first n pool items (training seed 42 + repeat) and draws batches of %d items "
                + "from the pool items not used for training. For each topic and each prevalence in %s, a batch is "
                + "drawn with that topic forced to that share: items with the topic and items without it are drawn "
                + "**with replacement** (the held-out pool has %s items, fewer than a batch). Every topic of every "
                + "batch is quantified (the shifted one and the three that move with it); truth = the batch's gold "
                + "share. Error rates and score distributions come from the model's own inner cross-validation, "
                + "kept in its provenance; nothing is taken from the batch. Intervals: %d bootstrap replicates "
                + "resampling the batch's items and the held-out items together, percentile 95%%.%n%n",
                repeats, batch, java.util.Arrays.toString(prevalences), heldOutSizes.values().stream()
                        .map(a -> Integer.toString(a[1])).distinct().reduce((a, b) -> a + " or " + b).orElse("?"),
                Quantifier.REPLICATES));
        md.append("| training items | method | MAE (all topics) | MAE ÷ CC's | MAE (shifted topic) | 95% coverage | mean width | shares |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            double cc = results.get(n).get("cc").mae();
            for (String method : methods) {
                Stats s = results.get(n).get(method);
                md.append(String.format(Locale.ROOT, "| %d | `%s`%s | %.4f | %.2f | %.4f | %.1f%% | %.3f | %d |%n",
                        heldOutSizes.get(n)[0], method, method.equals(Estimators.DEFAULT) ? " (default)" : "",
                        s.mae(), s.mae() / cc, s.maeShifted(), 100 * s.coverage(), s.width(), s.count));
            }
        }
        md.append("\nPer topic: MAE / coverage / mean width (all batches).\n\n| training items | method | ")
                .append(String.join(" | ", ids)).append(" |\n|---|---|").append("---|".repeat(ids.size())).append("\n");
        for (int n : sizes) {
            for (String method : methods) {
                md.append("| ").append(heldOutSizes.get(n)[0]).append(" | `").append(method).append("` |");
                for (String t : ids) {
                    Stats s = perTopic.get(n).get(method).get(t);
                    md.append(String.format(Locale.ROOT, " %.3f / %.0f%% / %.2f |", s.mae(), 100 * s.coverage(),
                            s.width()));
                }
                md.append("\n");
            }
        }
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        }
    }

    /** Accumulated errors, coverage and widths. */
    static final class Stats {
        double absError;
        double absErrorShifted;
        int shifted;
        int covered;
        double width;
        int count;

        void add(TopicShare s, double truth, boolean isShifted) {
            double e = Math.abs(s.share() - truth);
            absError += e;
            if (isShifted) {
                absErrorShifted += e;
                shifted++;
            }
            covered += s.low() - 1e-9 <= truth && truth <= s.high() + 1e-9 ? 1 : 0;
            width += s.high() - s.low();
            count++;
        }

        double mae() {
            return absError / count;
        }

        double maeShifted() {
            return absErrorShifted / shifted;
        }

        double coverage() {
            return (double) covered / count;
        }

        double width() {
            return width / count;
        }
    }
}
