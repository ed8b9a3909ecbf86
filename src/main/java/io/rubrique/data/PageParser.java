package io.rubrique.data;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cuts a raw news page (plain text as saved from the agency's site) into its main article and its "Voir plus"
 * teasers, dropping photo captions, image file names and other page furniture.
 *
 * <p>Page anatomy: title line, lead line, body lines, then a {@code Voir plus} line, then teasers, each an
 * optional photo caption, a title line and one or more lead lines. Every non-blank line is a paragraph (the pages
 * do not always put a blank line between paragraphs). A date stamp line ({@link Dateline}) is furniture; the day it
 * (or else a dateline with a year) names dates the article.
 */
public final class PageParser {
    /** The marker line between the article and the teasers. */
    public static final String MORE_MARKER = "Voir plus";

    // "… Photo: VNA", "… (Photo : VNA)", "… Photo / VNA", "… Photo : ambassade du Vietnam au Brésil": a short
    // credit after "Photo" and ':' or '/', at the very end of the line
    static final Pattern PHOTO_CREDIT =
            Pattern.compile("(?:^|[\\s(.])(?:Photo|PHOTO)\\s*[:/]\\s*[^\\s:/()][^:/()]{0,59}\\)?\\.?$");
    static final Pattern SOURCE_CREDIT = Pattern.compile("\\(Source\\s*:[^()]{1,80}\\)\\.?$");
    // Vietnamese "ảnh 1" ("photo 1") left by the site's image widget, glued into the article body
    static final Pattern IMAGE_WIDGET = Pattern.compile("ảnh\\s?\\d");
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i)[\\w.-]+\\.(?:jpe?g|png|gif|webp)");
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final String SENTENCE_END = ".!?…:;";
    private static final String CLOSERS = "\"'»”’)]";
    private static final int MAX_HEADING = 250;
    private static final int MAX_CAPTION_CONTINUATION = 3;
    private static final String TITLE_JOINER = " — ";

    private enum Kind { TEXT, CAPTION, NOISE, STAMP }

    private final Dateline dateline = new Dateline();

    private record Line(Kind kind, String text) {
    }

    /** Reads a page as strict UTF-8 and parses it; the source is the file name. */
    public ParsedPage read(Path page) throws IOException {
        String content = Utf8.readStrict(page);
        try {
            return parse(page.getFileName().toString(), content);
        } catch (IllegalArgumentException e) {
            throw new IOException(page + ": " + e.getMessage(), e);
        }
    }

    /** Parses a page's text; {@code source} is recorded in every candidate. */
    public ParsedPage parse(String source, String content) {
        List<String> lines = LINE_BREAK.splitAsStream(Utf8.stripBom(content)).map(PageParser::clean).toList();
        int more = indexOfMarker(lines);
        List<Line> articleLines = classify(more < 0 ? lines : lines.subList(0, more));
        List<Line> teaserLines = more < 0 ? List.of() : classify(lines.subList(more + 1, lines.size()));
        Candidate article = article(source, articleLines);
        Optional<LocalDate> day = published(articleLines);
        return new ParsedPage(source, day.map(article::withDate).orElse(article), teasers(source, teaserLines));
    }

    /**
     * The day the article part names: its earliest publication stamp, else its earliest update stamp, else the
     * first dateline with a year; empty when the page names no full date (teasers link other items: not read).
     */
    private Optional<LocalDate> published(List<Line> articleLines) {
        Optional<LocalDate> published = Optional.empty();
        Optional<LocalDate> updated = Optional.empty();
        Optional<LocalDate> datelined = Optional.empty();
        for (Line l : articleLines) {
            if (l.kind() == Kind.STAMP) {
                Optional<LocalDate> d = dateline.stamp(l.text());
                if (dateline.isUpdate(l.text())) {
                    updated = earliest(updated, d);
                } else {
                    published = earliest(published, d);
                }
            } else if (l.kind() == Kind.TEXT && datelined.isEmpty()) {
                datelined = dateline.dateline(l.text());
            }
        }
        return published.isPresent() ? published : updated.isPresent() ? updated : datelined;
    }

    private static Optional<LocalDate> earliest(Optional<LocalDate> a,
            Optional<LocalDate> b) {
        return a.isEmpty() ? b : b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
    }

    private static int indexOfMarker(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equalsIgnoreCase(MORE_MARKER)) {
                return i;
            }
        }
        return -1;
    }

    /** Output normalisation: NFC, every Unicode space (NBSP, U+202F, tabs) as one plain space, trimmed. */
    public static String clean(String raw) {
        return SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /** True when the line is a photo caption: it ends with a photo credit or a "(Source: …)". */
    static boolean endsWithCredit(String line) {
        return PHOTO_CREDIT.matcher(line).find() || SOURCE_CREDIT.matcher(line).find();
    }

    private List<Line> classify(List<String> lines) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i);
            if (s.isEmpty() || s.equalsIgnoreCase("source") || s.equalsIgnoreCase(MORE_MARKER)
                    || IMAGE_FILE.matcher(s).matches()) {
                out.add(new Line(Kind.NOISE, s));
            } else if (dateline.isStamp(s)) {
                out.add(new Line(Kind.STAMP, s));
            } else if (IMAGE_WIDGET.matcher(s).find()) {
                out.add(new Line(Kind.CAPTION, s));
                // the widget's caption may wrap onto the next lines, up to the one ending with the credit
                int end = endsWithCredit(s) ? i : creditLineAfter(lines, i);
                for (int j = i + 1; j <= end; j++) {
                    out.add(new Line(Kind.CAPTION, lines.get(j)));
                }
                i = end;
            } else if (endsWithCredit(s)) {
                out.add(new Line(Kind.CAPTION, s));
            } else {
                out.add(new Line(Kind.TEXT, s));
            }
        }
        return out;
    }

    /** Index of the line ending the caption begun at {@code start}, or {@code start} if none follows closely. */
    private static int creditLineAfter(List<String> lines, int start) {
        for (int j = start + 1; j < lines.size() && j <= start + MAX_CAPTION_CONTINUATION; j++) {
            if (lines.get(j).isEmpty()) {
                break;
            }
            if (endsWithCredit(lines.get(j))) {
                return j;
            }
        }
        return start;
    }

    private static Candidate article(String source, List<Line> lines) {
        List<String> paras = lines.stream().filter(l -> l.kind() == Kind.TEXT).map(Line::text).toList();
        if (paras.isEmpty()) {
            throw new IllegalArgumentException("no article title before '" + MORE_MARKER + "'");
        }
        String title = paras.get(0);
        int bodyStart = 1;
        // A second heading line right under the title (short, no final punctuation, page 003) is a sub-title:
        // it is joined to the title with " — " so that neither the title nor the lead loses it.
        if (paras.size() >= 3 && looksLikeHeading(paras.get(1))) {
            title = title + TITLE_JOINER + paras.get(1);
            bodyStart = 2;
        }
        List<String> body = paras.subList(bodyStart, paras.size());
        return Candidate.of(ItemKind.ARTICLE, source, title, body.isEmpty() ? title : String.join("\n\n", body));
    }

    /**
     * Teasers: captions separate them; inside a run of text lines between captions, the first line is a title,
     * the next ones its lead, and a heading-like line after a lead starts a new teaser (a teaser whose caption is
     * missing). A teaser with no lead gets its title as text.
     */
    private static List<Candidate> teasers(String source, List<Line> lines) {
        List<Candidate> out = new ArrayList<>();
        String title = null;
        List<String> lead = new ArrayList<>();
        for (Line line : lines) {
            if (line.kind() == Kind.NOISE || line.kind() == Kind.STAMP) {
                continue;
            }
            boolean startsTeaser = line.kind() == Kind.TEXT
                    && (title == null || (!lead.isEmpty() && looksLikeHeading(line.text())));
            if (line.kind() == Kind.CAPTION || startsTeaser) {
                if (title != null) {
                    out.add(teaser(source, title, lead));
                }
                title = startsTeaser ? line.text() : null;
                lead = new ArrayList<>();
            } else {
                lead.add(line.text());
            }
        }
        if (title != null) {
            out.add(teaser(source, title, lead));
        }
        return out;
    }

    private static Candidate teaser(String source, String title, List<String> lead) {
        return Candidate.of(ItemKind.TEASER, source, title, lead.isEmpty() ? title : String.join("\n\n", lead));
    }

    /** A heading is short and does not end like a sentence (closing quotes and brackets aside). */
    static boolean looksLikeHeading(String line) {
        if (line.length() > MAX_HEADING) {
            return false;
        }
        int end = line.length();
        while (end > 0 && CLOSERS.indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return end > 0 && SENTENCE_END.indexOf(line.charAt(end - 1)) < 0;
    }
}
