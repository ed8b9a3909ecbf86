package io.rubrique.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The only test that reads the repository's own {@code labels/}: whatever a user labels (any count, any topics
 * declared in its topics.json), the label files must validate. Every other test reads the frozen fixture
 * ({@link SeedLabels}).
 */
class RepositoryLabelsTest {
    private static final Path LABELS = Path.of("labels");

    @Test
    void repositoryLabelFilesValidate() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(LABELS)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        LabelValidator.Result r = new LabelValidator(TopicSet.forLabels(LABELS), true).validate(files);
        assertTrue(r.problems().isEmpty(), () -> r.problems().toString());
    }
}
