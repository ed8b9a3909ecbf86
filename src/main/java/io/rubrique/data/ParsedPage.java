package io.rubrique.data;

import java.util.List;

/** What {@link PageParser} cut from one raw page: its main article and its "Voir plus" teasers, in page order. */
public record ParsedPage(String source, Candidate article, List<Candidate> teasers) {
    public ParsedPage {
        teasers = List.copyOf(teasers);
    }
}
