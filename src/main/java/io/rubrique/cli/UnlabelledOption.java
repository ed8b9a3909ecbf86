package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.DataProvenance;
import io.rubrique.data.LabelSet;
import io.rubrique.data.PoolReader;
import io.rubrique.model.ModelProvenance;
import io.rubrique.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --unlabelled FILE…} of train, evaluate and simulate: the unlabelled items the config's unlabelled
 * method learns from; by default the inbox beside the label set ({@code labels/inbox.jsonl} for {@code labels/})
 * when it exists and the config enables a method.
 */
final class UnlabelledOption {
    static final String INBOX = "inbox.jsonl";

    private UnlabelledOption() {
    }

    /** The training set with its unlabelled items, or unchanged when none apply. */
    static TrainingSet apply(LabelSet labels, ExperimentConfig cfg, List<Path> given, PrintWriter err)
            throws IOException {
        TrainingSet data = TrainingSet.of(labels);
        Path inbox = inboxBeside(labels.origin());
        List<Path> files = given != null && !given.isEmpty() ? given
                : cfg.unlabelled().enabled() && Files.isRegularFile(inbox) ? List.of(inbox) : List.of();
        if (files.isEmpty()) {
            return data;
        }
        if (!cfg.unlabelled().enabled()) {
            err.println("note: --unlabelled given but config " + cfg.name()
                    + " has no unlabelled method (unlabelled.method is \"none\"): the items are not used");
            return data;
        }
        PoolReader.Pool pool = PoolReader.read(files);
        String paths = String.join(", ", files.stream().map(DataProvenance::displayPath).toList());
        err.println("learning from " + pool.records().size() + " unlabelled item(s) of " + paths + " by "
                + cfg.unlabelled().method());
        return data.withUnlabelled(pool.items(), new ModelProvenance.UnlabelledProvenance(paths,
                pool.records().size(), pool.sha256(), cfg.unlabelled().method()));
    }

    /** The inbox of a label set: {@code DIR/inbox.jsonl} for a directory, the sibling inbox for a file. */
    static Path inboxBeside(Path labels) {
        Path dir = Files.isDirectory(labels) ? labels : labels.toAbsolutePath().getParent();
        return dir == null ? Path.of(INBOX) : dir.resolve(INBOX);
    }
}
