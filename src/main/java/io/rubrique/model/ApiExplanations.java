package io.rubrique.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape of an explanation, shared by {@code classify --explain}, {@code ?explain=true} on the HTTP
 * API and the labelling page, so that every surface says the same thing about the same item.
 */
public final class ApiExplanations {
    /** Words shown per direction. */
    public static final int TERMS = 8;

    private ApiExplanations() {
    }

    /** Per topic in declared order, {@link Explanation#summary} with {@link #TERMS} words each way. */
    public static Map<String, Object> of(ScoringModel model, String title, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        model.explain(title, text).forEach((t, e) -> out.put(t, e.summary(TERMS)));
        return out;
    }
}
