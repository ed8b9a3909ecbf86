package io.rubrique.cli;

import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.model.TrainingInputs;
import io.rubrique.model.TrainingSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --unlabelled FILE…} of train, evaluate and simulate: the unlabelled items the config's unlabelled
 * method learns from; by default the inbox beside the label set ({@code labels/inbox.jsonl} for {@code labels/}) when it exists and the config enables a method
 * ({@link TrainingInputs}, which the labelling page's Retrain uses too).
 */
final class UnlabelledOption {
    private UnlabelledOption() {
    }

    /** The training set of the label set with its unlabelled items (none already labelled); says which on err. */
    static TrainingSet apply(LabelSet data, ExperimentConfig cfg, List<Path> given, PrintWriter err)
            throws IOException {
        TrainingInputs.Assembled a = TrainingInputs.of(data, cfg, given);
        if (a.note() != null) {
            err.println(a.note());
        }
        return a.training();
    }

}
