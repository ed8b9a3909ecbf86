package io.rubrique.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a new user meets it: no command is a usage error, and the help reads in sentences. */
class MainTest {
    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStderr() {
        CliRun.Outcome o = CliRun.rubrique();
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertTrue(o.err().contains("a command is required") && o.err().contains("Commands:"), o.err());
    }

    @Test
    void everyDescriptionParagraphIsWholeSentencesSoPicocliWrapsThem() {
        for (Map.Entry<String, CommandLine> c : Main.commandLine().getSubcommands().entrySet()) {
            String[] paragraphs = c.getValue().getCommandSpec().usageMessage().description();
            assertTrue(paragraphs.length > 0, c.getKey());
            for (String p : paragraphs) {
                assertTrue(p.matches("(?s).*[.)](%n)?$"), c.getKey() + ": a paragraph cut mid-sentence (a hard line "
                        + "break inside picocli's wrapping): " + p);
            }
        }
    }

    @Test
    void labelStrategyListsItsChoices() {
        String help = Main.commandLine().getSubcommands().get("label").getUsageMessage();
        assertTrue(help.contains("uncertainty") && help.contains("disagreement") && help.contains("random"), help);
    }
}
