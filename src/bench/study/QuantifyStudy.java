import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.PoolReader;
import io.rubrique.data.Snippet;
import io.rubrique.data.TopicSet;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.ModelProvenance;
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
import io.rubrique.util.Json;
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
 * Quantification study on the labelled pool. For each repeat the pool is shuffled; for each training size n and
 * each config variant a model is trained on the seeds plus the first n pool items. The pool items NOT used for
 * training are split into two halves; batches of B items are drawn from one half (one topic's share forced to
 * each of several prevalences, items with and without it drawn with replacement: the halves are small) and then
 * from the other. Every estimator quantifies every topic of every batch with:
 *
 * <ul>
 *   <li><b>shipped rates</b>: the held-out scores of the model's own inner cross-validation (what {@code quantify}
 *       uses; nothing from the batch or the pool);</li>
 *   <li><b>oracle rates</b> (diagnostic only, never shipped): the same model's scores on the <em>other</em> half of
 *       the held-out pool, i.e. rates measured on items like the batch's. The gap between the two rows is what
 *       the seed/pool mismatch costs; what remains with oracle rates is estimator and sampling noise.</li>
 * </ul>
 *
 * Also, without replacement: each half quantified as it is (its natural mix, no forced shift). Repeats are split
 * in a selection half (first) and a report half (the rest): a default is chosen on the first, reported on the
 * second. The markdown is rewritten after every repeat, so a stopped run leaves what ran.
 *
 * <pre>nice -n 19 java -cp target/rubrique.jar src/bench/study/QuantifyStudy.java --sizes 0,150 --repeats 6 \
 *   --variants experiments/default.json,experiments/fast.json --out experiments/QUANTIFY-STUDY.md</pre>
 * A variant {@code FILE@R} is FILE with {@code thresholds.inner_repeats = R}. The pool is third-party text: it is
 * read from where it lies and nothing of it is written but numbers.
 */
public final class QuantifyStudy {
    private static final String SHIPPED = "shipped";
    private static final String ORACLE = "oracle";
    private static final List<String> ORACLE_METHODS = List.of("acc", "pacc", "em", "hdy", "ms");

    record Variant(String label, ExperimentConfig config) {
    }

    public static void main(String[] args) throws Exception {
        Path seedsPath = Path.of("labels/snippets.jsonl");
        Path poolPath = Path.of("../shared/pool/labelled.jsonl");
        Path unlabelledPath = Path.of("../shared/pool/unlabelled.jsonl");
        List<String> variantSpecs = List.of("experiments/default.json");
        Path out = null;
        int repeats = 6;
        int batch = 200;
        long firstSeed = 2000;
        List<Integer> sizes = List.of(0, 150);
        double[] prevalences = {0.02, 0.10, 0.20, 0.40, 0.60};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seedsPath = Path.of(args[++i]);
                case "--pool" -> poolPath = Path.of(args[++i]);
                case "--unlabelled" -> unlabelledPath = Path.of(args[++i]);
                case "--variants" -> variantSpecs = List.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--first-seed" -> firstSeed = Long.parseLong(args[++i]);
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
        List<Variant> variants = new ArrayList<>();
        for (String spec : variantSpecs) {
            variants.add(variant(spec.trim()));
        }
        Estimators estimators = Estimators.standard();
        List<String> methods = new ArrayList<>(estimators.ids());
        List<String> ids = topics.ids();
        int selection = (repeats + 1) / 2;

        Results res = new Results();
        Map<Integer, int[]> heldOutSizes = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            String half = r < selection ? "selection" : "report";
            for (int n : sizes) {
                List<LabelledItem> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, new Random(firstSeed + r));
                List<LabelledItem> train = new ArrayList<>(seeds);
                train.addAll(shuffled.subList(0, n));
                List<LabelledItem> test = new ArrayList<>(shuffled.subList(n, shuffled.size()));
                heldOutSizes.put(n, new int[] {train.size(), test.size()});
                Collections.shuffle(test, new Random(firstSeed + 500 + r));
                List<List<Integer>> halves = List.of(new ArrayList<>(), new ArrayList<>());
                for (int i = 0; i < test.size(); i++) {
                    halves.get(i % 2).add(i);
                }
                for (Variant v : variants) {
                    TrainedModel model = new BinaryRelevanceTrainer(v.config())
                            .train(TrainingSet.of(topics, train).withUnlabelled(unlabelled, null), 42L + r);
                    PerTopic<TopicReference> shipped = References.of(model);
                    List<Tagging> tags = test.stream().map(i -> model.tag(i.title(), i.text())).toList();
                    for (int h = 0; h < 2; h++) {
                        List<Integer> from = halves.get(h);
                        List<Integer> other = halves.get(1 - h);
                        PerTopic<TopicReference> oracle = PerTopic.of(topics, t -> {
                            double[] s = other.stream().mapToDouble(i -> tags.get(i).score(t)).toArray();
                            boolean[] g = new boolean[other.size()];
                            for (int k = 0; k < g.length; k++) {
                                g[k] = test.get(other.get(k)).has(t);
                            }
                            return new TopicReference(shipped.get(t).threshold(), ModelProvenance.HeldOut.of(1, s, g));
                        });
                        for (String t : ids) {
                            res.mismatch(n, v.label(), t).add(shipped.get(t), tags, test, from, t);
                        }
                        Random draw = new Random(7000 + 31L * r + n + 1000L * h);
                        for (String shifted : ids) {
                            List<Integer> with = new ArrayList<>();
                            List<Integer> without = new ArrayList<>();
                            for (int i : from) {
                                (test.get(i).has(shifted) ? with : without).add(i);
                            }
                            if (with.isEmpty() || without.isEmpty()) {
                                continue;
                            }
                            for (double prevalence : prevalences) {
                                int k = (int) Math.round(prevalence * batch);
                                int[] idx = new int[batch];
                                for (int b = 0; b < batch; b++) {
                                    List<Integer> pick = b < k ? with : without;
                                    idx[b] = pick.get(draw.nextInt(pick.size()));
                                }
                                quantifyAll(res, "batch", half, n, v.label(), idx, tags, test, ids, shifted, methods,
                                        estimators, shipped, oracle);
                            }
                        }
                        int[] whole = from.stream().mapToInt(Integer::intValue).toArray();
                        quantifyAll(res, "natural", half, n, v.label(), whole, tags, test, ids, null, methods,
                                estimators, shipped, oracle);
                    }
                    System.err.printf(Locale.ROOT, "repeat %d n=%d %s done (%.0f s)%n", r, n, v.label(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            String md = report(args, r + 1, repeats, selection, firstSeed, batch, prevalences, sizes, variants,
                    methods, ids, res, heldOutSizes, seedsPath, seeds.size(), poolPath, pool.size(), unlabelledPath,
                    unlabelled.size(), Math.round((System.nanoTime() - t0) / 1e9));
            if (out != null) {
                Files.writeString(out, md, StandardCharsets.UTF_8);
            }
            if (r == repeats - 1) {
                System.out.println(md);
            }
        }
    }

    private static void quantifyAll(Results res, String kind, String half, int n, String variant, int[] idx,
            List<Tagging> tags, List<LabelledItem> test, List<String> ids, String shifted, List<String> methods,
            Estimators estimators, PerTopic<TopicReference> shipped, PerTopic<TopicReference> oracle) {
        int size = idx.length;
        for (String topic : ids) {
            double[] s = new double[size];
            boolean[] tg = new boolean[size];
            int gold = 0;
            for (int b = 0; b < size; b++) {
                s[b] = tags.get(idx[b]).score(topic);
                tg[b] = tags.get(idx[b]).has(topic);
                gold += test.get(idx[b]).has(topic) ? 1 : 0;
            }
            double truth = (double) gold / size;
            boolean isShifted = topic.equals(shifted);
            for (String method : methods) {
                Estimator e = estimators.get(method);
                TopicShare sh = new Quantifier(e).quantify(s, tg, shipped.get(topic));
                res.stats(kind, half, n, variant, SHIPPED, method).add(sh, truth, isShifted);
                res.stats(kind, "all", n, variant, SHIPPED, method).add(sh, truth, isShifted);
                res.topic(kind, n, variant, SHIPPED, method, topic).add(sh, truth, isShifted);
                if (ORACLE_METHODS.contains(method)) {
                    TopicShare o = new Quantifier(e).quantify(s, tg, oracle.get(topic));
                    res.stats(kind, "all", n, variant, ORACLE, method).add(o, truth, isShifted);
                }
            }
        }
    }

    /** A config file, or FILE@R: the same with thresholds.inner_repeats = R. */
    private static Variant variant(String spec) throws java.io.IOException {
        int at = spec.lastIndexOf('@');
        Path file = Path.of(at < 0 ? spec : spec.substring(0, at));
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (at < 0) {
            return new Variant(name, ExperimentConfig.read(file));
        }
        int innerRepeats = Integer.parseInt(spec.substring(at + 1));
        ObjectNode json = (ObjectNode) Json.mapper().readTree(file.toFile());
        ((ObjectNode) json.get("thresholds")).put("inner_repeats", innerRepeats);
        return new Variant(name + " ×" + innerRepeats + " inner CV",
                ExperimentConfig.parse(Json.mapper().writeValueAsString(json), spec));
    }

    private static String report(String[] args, int ran, int repeats, int selection, long firstSeed, int batch,
            double[] prevalences, List<Integer> sizes, List<Variant> variants, List<String> methods, List<String> ids,
            Results res, Map<Integer, int[]> heldOutSizes, Path seedsPath, int seedCount, Path poolPath, int poolCount,
            Path unlabelledPath, int unlabelledCount, long wall) throws java.io.IOException {
        StringBuilder md = new StringBuilder();
        md.append("## Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        md.append("`nice -n 19 java -cp target/rubrique.jar src/bench/study/QuantifyStudy.java")
                .append(String.join("", java.util.Arrays.stream(args).map(a -> " " + a).toList())).append("`: ran ")
                .append(ran).append(" of ").append(repeats).append(" repeats.\n\n");
        md.append(String.format(Locale.ROOT, "Data: seeds `%s` (%d items, sha256 `%s…`); labelled pool `%s` (%d items, "
                + "sha256 `%s…`); unlabelled `%s` (%d items, offered to the configs, which self-train on them). "
                + "Variants: %s. Code revision `%s`; wall %d s at `nice -n 19`, one worker thread (2 cores shared "
                + "with other jobs).%n%n", seedsPath, seedCount, Hashing.sha256(List.of(seedsPath)).substring(0, 16),
                poolPath, poolCount, Hashing.sha256(List.of(poolPath)).substring(0, 16), unlabelledPath,
                unlabelledCount, variants.stream().map(v -> "`" + v.label() + "`").toList(),
                io.rubrique.util.Versions.codeRevision(Path.of(".")), wall));
        md.append(String.format(Locale.ROOT, "Protocol: repeat r shuffles the pool (seed %d + r), trains on the seeds "
                + "plus the first n pool items (training seed 42 + r), splits the %s held-out pool items in two halves "
                + "and draws batches of %d from each half: per topic and prevalence in %s, items with and without the "
                + "topic drawn **with replacement**. Truth = the batch's gold share. Intervals: %d bootstrap "
                + "replicates resampling the batch and the held-out scores, percentile 95%%. Repeats 0-%d are the "
                + "selection set, %d-%d the report set.%n%n", firstSeed, heldOutSizes.values().stream()
                        .map(a -> Integer.toString(a[1])).distinct().reduce((a, b) -> a + " or " + b).orElse("?"),
                batch, java.util.Arrays.toString(prevalences), Quantifier.REPLICATES, selection - 1, selection,
                repeats - 1));
        for (String half : List.of("selection", "report", "all")) {
            md.append("### Shifted batches, shipped rates, ").append(half).append(" repeats\n\n");
            md.append("| training items | variant | method | MAE | ÷ CC | MAE (shifted topic) | 95% coverage | mean width "
                    + "| shares |\n|---|---|---|---|---|---|---|---|---|\n");
            for (int n : sizes) {
                for (Variant v : variants) {
                    Stats cc = res.stats("batch", half, n, v.label(), SHIPPED, "cc");
                    for (String m : methods) {
                        Stats s = res.stats("batch", half, n, v.label(), SHIPPED, m);
                        if (s.count > 0) {
                            md.append(String.format(Locale.ROOT, "| %d | `%s` | `%s`%s | %.4f | %.2f | %.4f | %.1f%% | "
                                    + "%.3f | %d |%n", heldOutSizes.get(n)[0], v.label(), m,
                                    m.equals(Estimators.DEFAULT) ? " (default)" : "", s.mae(), s.mae() / cc.mae(),
                                    s.maeShifted(), 100 * s.coverage(), s.width(), s.count));
                        }
                    }
                }
            }
            md.append("\n");
        }
        md.append("### Oracle diagnostic (all repeats): rates from the other half of the held-out pool\n\n"
                + "Never shipped: it needs labels of items like the batch's. Same batches as above.\n\n"
                + "| training items | variant | method | MAE shipped | MAE oracle | oracle ÷ CC | coverage shipped | "
                + "coverage oracle | width oracle |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            for (Variant v : variants) {
                double cc = res.stats("batch", "all", n, v.label(), SHIPPED, "cc").mae();
                for (String m : ORACLE_METHODS) {
                    Stats s = res.stats("batch", "all", n, v.label(), SHIPPED, m);
                    Stats o = res.stats("batch", "all", n, v.label(), ORACLE, m);
                    if (o.count > 0) {
                        md.append(String.format(Locale.ROOT, "| %d | `%s` | `%s` | %.4f | %.4f | %.2f | %.1f%% | "
                                + "%.1f%% | %.3f |%n", heldOutSizes.get(n)[0], v.label(), m, s.mae(), o.mae(),
                                o.mae() / cc, 100 * s.coverage(), 100 * o.coverage(), o.width()));
                    }
                }
            }
        }
        md.append("\n### Natural halves, without replacement (all repeats)\n\nEach held-out half quantified as it is "
                + "(no forced shift; the pool's own mix, which differs from the seeds').\n\n"
                + "| training items | variant | method | MAE shipped | MAE oracle | coverage shipped | mean width | "
                + "shares |\n|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            for (Variant v : variants) {
                for (String m : methods) {
                    Stats s = res.stats("natural", "all", n, v.label(), SHIPPED, m);
                    Stats o = res.stats("natural", "all", n, v.label(), ORACLE, m);
                    if (s.count > 0) {
                        md.append(String.format(Locale.ROOT, "| %d | `%s` | `%s` | %.4f | %s | %.1f%% | %.3f | %d |%n",
                                heldOutSizes.get(n)[0], v.label(), m, s.mae(),
                                o.count > 0 ? String.format(Locale.ROOT, "%.4f", o.mae()) : "–", 100 * s.coverage(),
                                s.width(), s.count));
                    }
                }
            }
        }
        md.append("\n### Seed/pool mismatch (all repeats): rates at the model's threshold and mean scores, inner CV "
                + "vs held-out pool\n\n| training items | variant | topic | tpr inner CV | tpr pool | fpr inner CV | "
                + "fpr pool | mean score of positives CV / pool | of negatives CV / pool |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            for (Variant v : variants) {
                for (String t : ids) {
                    Mismatch mm = res.mismatch(n, v.label(), t);
                    if (mm.count > 0) {
                        md.append(String.format(Locale.ROOT, "| %d | `%s` | %s | %.3f | %.3f | %.3f | %.3f | %.3f / "
                                + "%.3f | %.3f / %.3f |%n", heldOutSizes.get(n)[0], v.label(), t, mm.cvTpr / mm.count,
                                mm.poolTpr / mm.count, mm.cvFpr / mm.count, mm.poolFpr / mm.count,
                                mm.cvPos / mm.count, mm.poolPos / mm.count, mm.cvNeg / mm.count,
                                mm.poolNeg / mm.count));
                    }
                }
            }
        }
        md.append("\n### Per topic, shifted batches, shipped rates (all repeats): MAE / coverage / mean width\n\n"
                + "| training items | variant | method | ").append(String.join(" | ", ids)).append(" |\n|---|---|---|")
                .append("---|".repeat(ids.size())).append("\n");
        for (int n : sizes) {
            for (Variant v : variants) {
                for (String m : methods) {
                    md.append("| ").append(heldOutSizes.get(n)[0]).append(" | `").append(v.label()).append("` | `")
                            .append(m).append("` |");
                    for (String t : ids) {
                        Stats s = res.topic("batch", n, v.label(), SHIPPED, m, t);
                        md.append(String.format(Locale.ROOT, " %.3f / %.0f%% / %.2f |", s.mae(), 100 * s.coverage(),
                                s.width()));
                    }
                    md.append("\n");
                }
            }
        }
        return md.toString();
    }

    /** Every accumulator, by key. */
    static final class Results {
        private final Map<String, Stats> stats = new LinkedHashMap<>();
        private final Map<String, Mismatch> mismatch = new LinkedHashMap<>();

        Stats stats(String kind, String half, int n, String variant, String rates, String method) {
            return stats.computeIfAbsent(String.join("|", kind, half, Integer.toString(n), variant, rates, method),
                    k -> new Stats());
        }

        Stats topic(String kind, int n, String variant, String rates, String method, String topic) {
            return stats.computeIfAbsent(String.join("|", kind, "topic", Integer.toString(n), variant, rates, method,
                    topic), k -> new Stats());
        }

        Mismatch mismatch(int n, String variant, String topic) {
            return mismatch.computeIfAbsent(n + "|" + variant + "|" + topic, k -> new Mismatch());
        }
    }

    /** Inner-CV rates and mean scores against the same on a held-out pool half, summed over halves and repeats. */
    static final class Mismatch {
        double cvTpr;
        double poolTpr;
        double cvFpr;
        double poolFpr;
        double cvPos;
        double poolPos;
        double cvNeg;
        double poolNeg;
        int count;

        void add(TopicReference ref, List<Tagging> tags, List<LabelledItem> test, List<Integer> half, String topic) {
            double th = ref.threshold();
            double[] pos = ref.heldOut().positives();
            double[] neg = ref.heldOut().negatives();
            List<Double> pp = new ArrayList<>();
            List<Double> pn = new ArrayList<>();
            for (int i : half) {
                (test.get(i).has(topic) ? pp : pn).add(tags.get(i).score(topic));
            }
            if (pp.isEmpty() || pn.isEmpty()) {
                return;
            }
            cvTpr += java.util.Arrays.stream(pos).filter(s -> s >= th).count() / (double) pos.length;
            cvFpr += java.util.Arrays.stream(neg).filter(s -> s >= th).count() / (double) neg.length;
            poolTpr += pp.stream().filter(s -> s >= th).count() / (double) pp.size();
            poolFpr += pn.stream().filter(s -> s >= th).count() / (double) pn.size();
            cvPos += java.util.Arrays.stream(pos).average().orElse(0);
            cvNeg += java.util.Arrays.stream(neg).average().orElse(0);
            poolPos += pp.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            poolNeg += pn.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            count++;
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
            return shifted == 0 ? Double.NaN : absErrorShifted / shifted;
        }

        double coverage() {
            return (double) covered / count;
        }

        double width() {
            return width / count;
        }
    }
}
