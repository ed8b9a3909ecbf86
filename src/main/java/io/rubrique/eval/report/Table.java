package io.rubrique.eval.report;

import java.util.List;

/** A titled table of text cells, built once and rendered as Markdown or HTML. */
public record Table(String title, String note, List<String> headers, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
