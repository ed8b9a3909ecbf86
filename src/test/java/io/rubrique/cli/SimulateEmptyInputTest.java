package io.rubrique.cli;

import static io.rubrique.cli.CliRun.rubrique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rubrique.active.Simulation;
import io.rubrique.active.Strategies;
import io.rubrique.cli.CliRun.Outcome;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelReader;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.SeedLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} refuses an empty oracle or an empty test file with one clear line, and writes no run. */
class SimulateEmptyInputTest {
    private static final String FIXED = "src/test/resources/core/fixed-liblinear.json";

    @TempDir
    Path tmp;

    private Outcome simulate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("simulate", "--batch", "5", "--budget", "5",
                "--repeats", "1", "--strategies", "random", "--config", FIXED,
                "--runs-dir", tmp.resolve("runs").toString()));
        args.addAll(List.of(extra));
        return rubrique(args.toArray(String[]::new));
    }

    private void assertRefused(Outcome o, String expected) {
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("rubrique simulate: ") && o.err().contains(expected), o.err());
        assertFalse(o.out().contains("macro-F1"), o.out());
        assertFalse(Files.exists(tmp.resolve("runs")), "a run was written");
    }

    @Test
    void anEmptyLabelFileIsRefused() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        Files.copy(SeedLabels.TOPICS, tmp.resolve("topics.json"));
        assertRefused(simulate("--labels", empty.toString()), empty + ": no labelled items to simulate with");
    }

    @Test
    void anEmptyTestFileIsRefusedRatherThanReplacedByAHoldBack() throws Exception {
        Path oracle = tmp.resolve("oracle.jsonl");
        Files.write(oracle, Files.readAllLines(SeedLabels.SNIPPETS));
        Files.copy(SeedLabels.TOPICS, tmp.resolve("topics.json"));
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        assertRefused(simulate("--labels", oracle.toString(), "--test", empty.toString()),
                empty + ": the test file has no labelled items");
    }

    @Test
    void theApiRefusesAnEmptyOracleOrOneTooSmallToHoldBack() throws Exception {
        ExperimentConfig cfg = ExperimentConfig.read(Path.of(FIXED));
        List<LabelledItem> items = LabelReader.read(SeedLabels.SNIPPETS).items();
        var topics = LabelReader.read(SeedLabels.SNIPPETS).topics();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new Simulation.Setup(
                topics, List.of(), List.of(), List.of(), 0.25, 0, 5, 5, List.of(Strategies.BASELINE), 1, 1, cfg, 1,
                List.of()));
        assertTrue(none.getMessage().contains("the oracle is empty"), none.getMessage());
        Simulation.Setup one = new Simulation.Setup(topics, List.of(), items.subList(0, 1), List.of(), 0.25, 0, 5, 5,
                List.of(Strategies.BASELINE), 1, 1, cfg, 1, List.of());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> new Simulation(one).run(s -> { }));
        assertTrue(tiny.getMessage().contains("too few to hold back"), tiny.getMessage());
    }
}
