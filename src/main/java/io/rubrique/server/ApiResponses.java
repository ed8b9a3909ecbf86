package io.rubrique.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rubrique.server.ServedModel.ModelRef;
import java.util.List;
import java.util.Map;

/** The JSON bodies of successful responses, as records serialized by the project mapper (snake_case). */
public final class ApiResponses {
    private ApiResponses() {
    }

    /** {@code POST /v1/classify}; {@code explanation} only with {@code ?explain=true}. */
    public record Classify(List<String> topics, Map<String, Double> scores,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> explanation, ModelRef model) {
    }

    /** One item of a batch answer; {@code id} echoes the request's id (null when it had none). */
    public record BatchResult(String id, List<String> topics, Map<String, Double> scores,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> explanation) {
    }

    /** The explanation of one snippet as JSON values, per topic in declared order. */
    public static Map<String, Object> explanation(io.rubrique.model.TopicTagger tagger, String title, String text) {
        return io.rubrique.model.ApiExplanations.of(tagger, title, text);
    }

    /** {@code POST /v1/classify/batch}: results in input order. */
    public record Batch(List<BatchResult> results, ModelRef model) {
    }

    /** {@code GET /health}. */
    public record Health(String status, ModelRef model) {
    }

    /** {@code POST /v1/admin/reload}: the model replaced and the one now serving. */
    public record Reload(String path, String oldSha256, String newSha256, ModelRef model) {
    }
}
