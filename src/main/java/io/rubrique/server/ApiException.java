package io.rubrique.server;

import java.util.List;

/**
 * A request the server refuses, with the HTTP status, a stable machine-readable code and a message naming the
 * input at fault. Rendered as {@code {"error": {"code", "message"}}} by {@link ErrorBodies}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<String> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<String> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Every problem found when there were several (the message is the first); often empty. */
    public List<String> details() {
        return details;
    }
}
