package io.rubrique.quant;

import io.rubrique.model.Tagging;
import java.time.LocalDate;

/** One item as quantification sees it: when and where it was published (either may be null), and its tagging. */
public record TaggedItem(LocalDate date, String source, Tagging tagging) {
    public TaggedItem {
        java.util.Objects.requireNonNull(tagging, "tagging");
    }
}
