package io.rubrique.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (unparseable request line, bad URI, oversize headers, errors raised before a request
 * reaches Javalin) in the API's JSON error shape instead of Jetty's HTML page. Never writes a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body = ErrorBodies.of(ErrorBodies.codeFor(code), safeMessage(code, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return null;
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(ErrorBodies.of(ErrorBodies.codeFor(status), safeMessage(status, reason)));
    }

    /** Server-side failures get the generic reason phrase: their detail may describe internals. */
    private static String safeMessage(int code, String message) {
        if (code >= 500 || message == null || message.isBlank()) {
            return HttpStatus.getMessage(code);
        }
        return message;
    }
}
