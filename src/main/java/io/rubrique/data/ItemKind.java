package io.rubrique.data;

import java.util.Arrays;
import java.util.Optional;

/** What a labelled item is: a page's main article or a "Voir plus" teaser (title and lead). */
public enum ItemKind {
    ARTICLE("article"),
    TEASER("teaser");

    private final String id;

    ItemKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ItemKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
