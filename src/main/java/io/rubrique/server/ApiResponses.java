package io.rubrique.server;

import io.rubrique.server.ServedModel.ModelRef;
import java.util.List;
import java.util.Map;

/** The JSON bodies of successful responses, as records serialized by the project mapper (snake_case). */
public final class ApiResponses {
    private ApiResponses() {
    }

    /** {@code POST /v1/classify}. */
    public record Classify(List<String> topics, Map<String, Double> scores, ModelRef model) {
    }

    /** One item of a batch answer; {@code id} echoes the request's id (null when it had none). */
    public record BatchResult(String id, List<String> topics, Map<String, Double> scores) {
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
