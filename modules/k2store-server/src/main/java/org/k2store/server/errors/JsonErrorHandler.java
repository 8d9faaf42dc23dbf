package org.k2store.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it refuses before any servlet sees it, such as a path with
 * an encoded NUL) in the API's JSON error shape instead of an HTML page, so a client parses every
 * error the same way, whatever the method (Jetty writes an error body for GET, POST and HEAD only
 * by default, and an empty one for a PUT or an unknown method).
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final HttpField JSON_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final ObjectMapper json;

    public JsonErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(JSON_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private byte[] body(int code, String message) {
        String text = message == null || message.isBlank() || message.equals(HttpStatus.getMessage(code))
                ? (code == 400 ? "malformed request line, path or header (bad percent-encoding, illegal character, bad header value)"
                        : HttpStatus.getMessage(code))
                : message;
        try {
            return json.writeValueAsBytes(new ApiError(code, ApiErrors.reasonFor(code), "request: " + text));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
