package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.active.Strategies;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.model.LearnerRegistry;
import io.rubrique.quant.Estimators;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The names in help texts and in errors come from the plug-in registries, in their order, and nothing else. */
class RegistryHelpTest {
    /** The help text with its line wrapping undone. */
    private static String help(String... command) {
        Outcome o = rubrique(command);
        assertEquals(0, o.code(), o.err());
        return o.out().replaceAll("\\s+", " ");
    }

    private static List<String> listAfter(String text, String prefix, String end) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(.*?)" + Pattern.quote(end)).matcher(text);
        assertTrue(m.find(), prefix + " not in " + text);
        return Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
    }

    @Test
    void strategyOptionsListExactlyTheRegisteredStrategies() {
        assertEquals(Strategies.names(), listAfter(help("suggest", "--help"), "--strategy=S One of ", " (default"));
        assertEquals(Strategies.names(), listAfter(help("label", "--help"), "one of ", " (default"));
        assertEquals(Strategies.names(), listAfter(help("simulate", "--help"), "Strategies to compare, from ",
                " (default"));
        assertTrue(Strategies.names().containsAll(Strategies.ids()) && Strategies.ids().size() == 5);
    }

    @Test
    void trainAndEvaluateHelpListExactlyTheRegisteredLearners() {
        for (String command : List.of("train", "evaluate")) {
            assertEquals(LearnerRegistry.standard().ids(), listAfter(help(command, "--help"),
                    "Learners (a config's learner.type): ", "."), command);
        }
    }

    @Test
    void quantifyHelpListsExactlyTheRegisteredEstimators() {
        assertEquals(List.copyOf(Estimators.standard().ids()), listAfter(help("quantify", "--help"),
                "Estimator, one of ", " (default"));
    }

    @Test
    void anUnknownStrategyIsRefusedNamingEveryRegisteredOne() {
        Outcome o = rubrique("suggest", "--strategy", "psychic", "--pool", "none.jsonl");
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("unknown strategy 'psychic' (known: " + String.join(", ", Strategies.names())
                + ")"), o.err());
    }
}
