package io.rubrique.model;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.LabelSet;
import io.rubrique.data.PoolReader;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way {@code train}, {@code evaluate} and the labelling page's Retrain put together what a model learns
 * from: the label set plus, when the config enables an unlabelled method, the unlabelled files (by default the
 * inbox), minus the items already labelled. Two callers given the same files and config get the same
 * {@link TrainingSet}, hence the same model and provenance.
 */
public final class TrainingInputs {
    /** The file name of the inbox {@code ingest} writes beside a label set. */
    public static final String INBOX = "inbox.jsonl";

    private TrainingInputs() {
    }

    /**
     * What was assembled, and one line saying which unlabelled items were used and why (null when there is
     * nothing to say).
     */
    public record Assembled(TrainingSet training, String note) {
    }

    /**
     * The training set for a config: the labelled items, and the unlabelled items of {@code given} (the inbox beside
     * the label set when null or empty and it exists) that are not already labelled (same normalised text).
     */
    public static Assembled of(LabelSet labels, ExperimentConfig cfg, List<Path> given) throws IOException {
        TrainingSet data = TrainingSet.of(labels);
        boolean named = given != null && !given.isEmpty();
        Path inbox = inboxBeside(labels.origin());
        List<Path> files = named ? given
                : cfg.unlabelled().enabled() && Files.isRegularFile(inbox) ? List.of(inbox) : List.of();
        if (files.isEmpty()) {
            return new Assembled(data, null);
        }
        if (!cfg.unlabelled().enabled()) {
            return new Assembled(data, "note: unlabelled items given but config " + cfg.name()
                    + " has no unlabelled method (unlabelled.method is \"none\"): the items are not used");
        }
        PoolReader.Pool pool = PoolReader.read(files);
        Set<String> labelled = new HashSet<>();
        labels.items().forEach(i -> labelled.add(TextKey.of(i.text())));
        List<Snippet> unlabelled = pool.items().stream().filter(s -> !labelled.contains(TextKey.of(s.text())))
                .toList();
        int left = pool.records().size() - unlabelled.size();
        String paths = String.join(", ", files.stream().map(DataProvenance::displayPath).toList());
        String note = "learning from " + unlabelled.size() + " unlabelled item(s) of " + paths + " by "
                + cfg.unlabelled().method() + (left == 0 ? "" : " (" + left + " already labelled left out)");
        return new Assembled(data.withUnlabelled(unlabelled, new ModelProvenance.UnlabelledProvenance(paths,
                unlabelled.size(), pool.sha256(), cfg.unlabelled().method())), note);
    }

    /** The inbox of a label set: {@code DIR/inbox.jsonl} for a directory, the sibling inbox for a file. */
    public static Path inboxBeside(Path labels) {
        Path dir = Files.isDirectory(labels) ? labels : labels.toAbsolutePath().getParent();
        return dir == null ? Path.of(INBOX) : dir.resolve(INBOX);
    }
}
