package io.rubrique.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The one JSON shape of every error response, {@code {"error": {"code", "message"[, "details"]}}}. */
public final class ErrorBodies {
    private static final ObjectMapper MAPPER = Json.mapper();

    private ErrorBodies() {
    }

    public static byte[] of(String code, String message) {
        return of(code, message, List.of());
    }

    public static byte[] of(String code, String message, List<String> details) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message == null ? "" : message);
        if (!details.isEmpty()) {
            details.forEach(error.putArray("details")::add);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings always serializes; keep a valid body anyway.
            return "{\"error\":{\"code\":\"internal_error\",\"message\":\"\"}}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The code for an HTTP status raised outside our handlers (by Jetty or Javalin). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            default -> "http_" + status;
        };
    }
}
