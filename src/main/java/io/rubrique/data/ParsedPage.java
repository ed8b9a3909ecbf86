package io.rubrique.data;

import java.util.List;

/**
 * What {@link PageParser} cut from one raw page: its main article (dated with the day the page names, when it names
 * one) and its "Voir plus" teasers, in page order.
 */
public record ParsedPage(String source, Candidate article, List<Candidate> teasers) {
    public ParsedPage {
        teasers = List.copyOf(teasers);
    }

    /**
     * The page with its article dated {@code day} instead of any day the page named ({@code ingest --date}); its
     * teasers link other items, of unknown dates.
     */
    public ParsedPage withArticleDate(java.time.LocalDate day) {
        return new ParsedPage(source, article.withDate(day), teasers);
    }
}
