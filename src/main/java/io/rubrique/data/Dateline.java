package io.rubrique.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the day a page was published from its own text, so that {@code ingest} can date items without
 * {@code --date}. Two forms carry a full date on the agency's French pages:
 *
 * <ul>
 *   <li>a <em>stamp</em>: a short line holding only a date and maybe a time ({@code 16/11/2021 10:20},
 *       {@code Publié le mardi 16 novembre 2021 à 10h20 (GMT+7)}, {@code Mis à jour : 17/11/2021}); it is page
 *       furniture, never text;</li>
 *   <li>a <em>dateline</em> with a year at the start of a paragraph ({@code Paris, 19 septembre 2021 (VNA) - …}).</li>
 * </ul>
 *
 * A dateline without a year ({@code Paris, 19 septembre (VNA)}, every one of the five seed pages) names no year and
 * is not guessed. Stateless.
 */
public final class Dateline {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("janvier", 1),
            Map.entry("février", 2), Map.entry("fevrier", 2), Map.entry("mars", 3), Map.entry("avril", 4),
            Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("août", 8),
            Map.entry("aout", 8), Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11),
            Map.entry("décembre", 12), Map.entry("decembre", 12));
    private static final String MONTH = "(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre"
            + "|novembre|d[ée]cembre)";
    private static final String WEEKDAY = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
    /** dd/mm/yyyy (or with '-' or '.') or "16 novembre 2021" / "1er novembre 2021". */
    private static final String DATE = "(?:(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})|(\\d{1,2})(?:er)?\\s+" + MONTH
            + "\\s+(\\d{4}))";
    private static final String TIME = "(?:\\s*(?:à|a|,|-|\\|)?\\s*\\d{1,2}\\s*[:h]\\s*\\d{2}(?::\\d{2})?"
            + "(?:\\s*\\(?(?:GMT|UTC)\\s*[+-]\\s*\\d{1,2}\\)?)?)?";
    private static final Pattern STAMP = Pattern.compile("(?iu)^(?:(?:publié|publie|mis à jour|mise à jour|"
            + "mis a jour|date)\\s*(?:le|:)?\\s*)?(?:" + WEEKDAY + "\\s*,?\\s*)?" + DATE + TIME + "\\s*\\.?$");
    private static final Pattern UPDATED = Pattern.compile("(?iu)^mis[e]? [àa] jour");
    private static final Pattern DATELINE = Pattern.compile("(?iu)^[^,()\\d]{2,40},\\s*(?:" + WEEKDAY
            + "\\s+)?" + DATE + "\\s*\\(VNA\\)");
    private static final int MAX_STAMP = 80;

    /** True when the line is a date stamp (page furniture): a short line holding only a date and maybe a time. */
    public boolean isStamp(String line) {
        return line.length() <= MAX_STAMP && STAMP.matcher(line).matches();
    }

    /** The day a stamp line names, or empty when it is no stamp or names no real day. */
    public Optional<LocalDate> stamp(String line) {
        if (line.length() > MAX_STAMP) {
            return Optional.empty();
        }
        Matcher m = STAMP.matcher(line);
        return m.matches() ? day(m) : Optional.empty();
    }

    /** True when the stamp says when the page was updated rather than published. */
    public boolean isUpdate(String line) {
        return UPDATED.matcher(line).find();
    }

    /** The day a paragraph's opening dateline names with its year, or empty. */
    public Optional<LocalDate> dateline(String paragraph) {
        Matcher m = DATELINE.matcher(paragraph);
        return m.lookingAt() ? day(m) : Optional.empty();
    }

    private static Optional<LocalDate> day(Matcher m) {
        boolean numeric = m.group(1) != null;
        int month = numeric ? Integer.parseInt(m.group(2)) : MONTHS.getOrDefault(m.group(5).toLowerCase(Locale.ROOT), 0);
        try {
            LocalDate d = numeric
                    ? LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)))
                    : LocalDate.of(Integer.parseInt(m.group(6)), month, Integer.parseInt(m.group(4)));
            return ItemDate.parse(d.toString());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
