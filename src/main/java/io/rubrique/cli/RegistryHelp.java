package io.rubrique.cli;

import io.rubrique.active.Strategies;
import io.rubrique.model.LearnerRegistry;
import io.rubrique.quant.Estimators;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * Help texts taken from the plug-in registries, so that a new strategy, learner or quantification method (one class, one registration
 * line) shows up in {@code --help} without editing any command.
 */
final class RegistryHelp {
    private RegistryHelp() {
    }

    /** What {@code --strategy} accepts ({@code ${COMPLETION-CANDIDATES}} in a description). */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Strategies.names().iterator();
        }
    }

    /** What {@code quantify --method} accepts. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Estimators.standard().ids().iterator();
        }
    }

    /** The commands whose help lists the registered learners (they read a config's {@code learner.type}). */
    static final List<String> LEARNER_FOOTER = List.of("train", "evaluate");

    /** Adds the registered learners to the footer of those of {@link #LEARNER_FOOTER} that {@code cl} has. */
    static void addLearnerFooters(CommandLine cl) {
        for (String name : LEARNER_FOOTER) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub != null) {
                sub.getCommandSpec().usageMessage().footer("Learners (a config's learner.type): "
                        + String.join(", ", LearnerRegistry.standard().ids()) + ".");
            }
        }
    }
}
