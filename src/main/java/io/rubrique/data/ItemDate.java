package io.rubrique.data;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The optional {@code date} of an item: ISO 8601, a day ({@code 2026-11-05}) or a date-time with or without an
 * offset ({@code 2026-11-05T08:30:00+07:00}, {@code 2026-11-05T01:30:00Z}, {@code 2026-11-05T08:30}). Kept as the day
 * it names (the local day of a date-time: where it was published), which is what timelines group by.
 */
public final class ItemDate {
    /** What a bad date is told to look like. */
    public static final String EXPECTED = "an ISO 8601 date such as 2026-11-05 or 2026-11-05T08:30:00+07:00";
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2200;

    private ItemDate() {
    }

    /** The day a date string names, or empty when it is not ISO 8601 (or out of 1900-2200). */
    public static Optional<LocalDate> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        LocalDate day = null;
        try {
            day = v.length() == 10 ? LocalDate.parse(v) : null;
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (day == null) {
            try {
                day = OffsetDateTime.parse(v).toLocalDate();
            } catch (DateTimeParseException e) {
                try {
                    day = java.time.LocalDateTime.parse(v).toLocalDate();
                } catch (DateTimeParseException e2) {
                    return Optional.empty();
                }
            }
        }
        return day.getYear() < MIN_YEAR || day.getYear() > MAX_YEAR ? Optional.empty() : Optional.of(day);
    }

    /** The problem with a date value as a validator words it, or empty when it is a valid date. */
    public static Optional<String> problem(String value) {
        return parse(value).isPresent() ? Optional.empty()
                : Optional.of("not " + EXPECTED + " (years " + MIN_YEAR + "-" + MAX_YEAR + "), was '"
                        + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
}
