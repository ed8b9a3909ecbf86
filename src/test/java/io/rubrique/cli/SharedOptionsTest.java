package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A shared option means the same in every command that has it: one declaration, one default, one help line. */
class SharedOptionsTest {
    private static final Map<String, List<String>> USERS = Map.of(
            "--labels", List.of("train", "evaluate", "suggest", "label"),
            "--config", List.of("train", "evaluate", "suggest", "simulate", "label"),
            "--seed", List.of("train", "evaluate", "suggest", "simulate"),
            "--model", List.of("suggest", "classify", "inspect", "label", "serve"));

    @Test
    void everyCommandDeclaresASharedOptionIdentically() {
        CommandLine cl = Main.commandLine();
        USERS.forEach((option, commands) -> {
            OptionSpec first = cl.getSubcommands().get(commands.get(0)).getCommandSpec().findOption(option);
            for (String c : commands) {
                OptionSpec o = cl.getSubcommands().get(c).getCommandSpec().findOption(option);
                assertEquals(List.of(first.description()), List.of(o.description()), c + " " + option);
                assertEquals(first.paramLabel(), o.paramLabel(), c + " " + option);
                assertEquals(String.valueOf(first.initialValue()), String.valueOf(o.initialValue()), c + " " + option);
            }
        });
    }

    @Test
    void serveReadsItsModelThroughTheSharedOption() {
        String missing = "target/no-such-model-dir";
        CliRun.Outcome serve = CliRun.rubrique("serve", "--model", missing, "--port", "0");
        assertEquals(1, serve.code(), serve.err());
        assertEquals("rubrique serve: cannot load model " + missing + ": ", serve.err().lines().findFirst().orElse("")
                .substring(0, ("rubrique serve: cannot load model " + missing + ": ").length()));
    }
}
