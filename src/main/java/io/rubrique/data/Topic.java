package io.rubrique.data;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The four topics an item can carry; {@link #id()} is the spelling used in labels, configs and APIs. */
public enum Topic {
    DIGITAL("digital"),
    SECURITY("security"),
    PARTY_CONGRESS("party-congress"),
    BILATERAL_RELATIONS("bilateral-relations");

    private static final List<Topic> ALL = List.of(values());
    private final String id;

    Topic(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** All topics in their canonical order (the order of scores and report columns). */
    public static List<Topic> all() {
        return ALL;
    }

    public static Optional<Topic> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** Comma-separated ids, for error messages. */
    public static String allowedIds() {
        return String.join(", ", ALL.stream().map(Topic::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
