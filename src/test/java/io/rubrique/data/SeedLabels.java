package io.rubrique.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The seed label set frozen as a test fixture ({@code src/test/resources/labels}: the 49 seed items as first
 * committed, and the four default topics). Tests read this copy, never {@code labels/}, so a user labelling items
 * (the product's main use) never breaks the build.
 */
public final class SeedLabels {
    /** The fixture's directory (with topics.json). Tests run from the repository root. */
    public static final Path DIR = Path.of("src/test/resources/labels");
    /** The 49 frozen seed items. */
    public static final Path SNIPPETS = DIR.resolve("snippets.jsonl");
    /** The fixture's topic declaration. */
    public static final Path TOPICS = DIR.resolve(TopicSet.FILE);

    private SeedLabels() {
    }

    /** The frozen seed items with their topics. */
    public static LabelSet read() throws IOException {
        return LabelReader.read(SNIPPETS);
    }
}
