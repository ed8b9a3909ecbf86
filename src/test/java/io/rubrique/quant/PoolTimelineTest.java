package io.rubrique.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.model.BinaryRelevanceTrainer;
import io.rubrique.model.TrainedModel;
import io.rubrique.model.TrainingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A timeline of a dated file: pool items (read from ../shared/pool, skipped when absent) given synthetic dates over
 * six months (drawn with replacement from the pool half not trained on), security's share rising to 40% in
 * September and falling back; the default config trained on the labels and the other half of the pool quantifies
 * them by month. Writes {@code target/quantify-timeline.png} and {@code .html} (numbers only, no pool
 * text): the README's picture is this chart.
 */
class PoolTimelineTest {
    private static final Path POOL = Path.of("../shared/pool/labelled.jsonl");
    private static final double[] SECURITY = {0.05, 0.10, 0.20, 0.40, 0.20, 0.10};
    private static final int PER_MONTH = 120;

    @Test
    void aMonthlyTimelineOfPoolItemsFollowsTheirSecurityPeak() throws Exception {
        assumeTrue(Files.isRegularFile(POOL), "the labelled pool is not here");
        LabelSet labels = QuantFixtures.labels();
        List<LabelledItem> pool = new ArrayList<>(LabelReader.read(POOL, labels.topics()).items());
        Random r = new Random(11);
        java.util.Collections.shuffle(pool, r);
        // the default config (no unlabelled items given, so purely supervised) on the labels plus half the pool;
        // the other half, never trained on, gets the dates
        List<LabelledItem> train = new ArrayList<>(labels.items());
        train.addAll(pool.subList(0, pool.size() / 2));
        List<LabelledItem> unseen = pool.subList(pool.size() / 2, pool.size());
        TrainedModel model = new BinaryRelevanceTrainer(ExperimentConfig.read(Path.of("experiments/default.json")))
                .train(TrainingSet.of(labels.topics(), train), 7);
        List<LabelledItem> with = unseen.stream().filter(i -> i.has("security")).toList();
        List<LabelledItem> without = unseen.stream().filter(i -> !i.has("security")).toList();
        List<TaggedItem> items = new ArrayList<>();
        for (int m = 0; m < SECURITY.length; m++) {
            for (int k = 0; k < PER_MONTH; k++) {
                List<LabelledItem> from = k < Math.round(SECURITY[m] * PER_MONTH) ? with : without;
                LabelledItem it = from.get(r.nextInt(from.size()));
                LocalDate day = LocalDate.of(2026, 6 + m, 1 + r.nextInt(28));
                items.add(new TaggedItem(day, it.source(), model.tag(it.title(), it.text())));
            }
        }
        QuantResult result = new Quantification(labels.topics(), References.of(model),
                new Quantifier(Estimators.standard().get(Estimators.DEFAULT))).run(items, GroupBy.MONTH);
        String title = "Topic shares by month (synthetic dates on labelled pool items; " + result.method() + ")";
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/quantify-timeline.png"), TimelineChart.png(result, title));
        Files.writeString(Path.of("target/quantify-timeline.html"), TimelineChart.html(result, title));
        double june = result.groups().get(0).topics().get("security").share();
        double september = result.groups().get(3).topics().get("security").share();
        assertTrue(september > june + 0.1, "security: June " + june + ", September " + september);
    }
}
