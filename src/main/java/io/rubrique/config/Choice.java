package io.rubrique.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A config value with a fixed set of spellings, as an enum: the JSON keeps the spelling ({@code "self-training"}),
 * the code decides on the constant ({@code SELF_TRAINING}), so no behaviour hangs on comparing strings.
 */
public interface Choice {
    /** The spelling in a config file: the constant's name in lower case with '-' for '_'. */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every spelling of {@code type}, in declaration order. */
    static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
    }

    /** The constant spelt {@code id}, if any. */
    static <E extends Enum<E> & Choice> Optional<E> parse(Class<E> type, String id) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
    }

    /** The constant spelt {@code id}; a config that passed its checks always has one. */
    static <E extends Enum<E> & Choice> E of(Class<E> type, String id, String field) {
        return parse(type, id).orElseThrow(() -> new IllegalStateException(field + ": '" + id + "' is not one of "
                + ids(type)));
    }
}
