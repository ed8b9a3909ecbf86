package io.rubrique.quant;

import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** How items are grouped before their shares are estimated: one group, or per day, ISO week, month or source. */
public enum GroupBy {
    NONE, DAY, WEEK, MONTH, SOURCE;

    /** The group of items without a date when grouping by a date. */
    public static final String UNDATED = "undated";
    /** The group of items without a source when grouping by source. */
    public static final String NO_SOURCE = "no-source";

    /** Whether the groups are periods (and so a timeline). */
    public boolean byDate() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    /**
     * The key of an item's group: "all"; a day {@code 2026-11-05}; an ISO week {@code 2026-W45}; a month
     * {@code 2026-11}; a source's host when it is a URL ({@code lecourrier.vn}), else the source as given.
     */
    public String key(LocalDate date, String source) {
        return switch (this) {
            case NONE -> "all";
            case DAY -> date == null ? UNDATED : date.toString();
            case WEEK -> date == null ? UNDATED : String.format(Locale.ROOT, "%d-W%02d",
                    date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> date == null ? UNDATED : date.toString().substring(0, 7);
            case SOURCE -> sourceKey(source);
        };
    }

    private static String sourceKey(String source) {
        if (source == null || source.isBlank()) {
            return NO_SOURCE;
        }
        try {
            String host = URI.create(source.strip()).getHost();
            if (host != null) {
                return host.startsWith("www.") ? host.substring(4) : host;
            }
        } catch (IllegalArgumentException e) {
            // not a URL: the source as given
        }
        return source.strip();
    }
}
