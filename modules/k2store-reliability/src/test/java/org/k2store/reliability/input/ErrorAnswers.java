package org.k2store.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;

/** What the API promises of every error answer: JSON {code, reason, message} with the status as code. */
final class ErrorAnswers {

    private ErrorAnswers() {
    }

    /** Null when {@code reply} is a proper error answer, else what is wrong with it. */
    static String problem(Reply reply) {
        String type = reply.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "Content-Type " + type + " instead of application/json";
        }
        JsonNode error;
        try {
            error = Reply.JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            return "body is not JSON";
        }
        if (error == null || !error.isObject()) {
            return "body is not a JSON object";
        }
        if (error.path("code").asInt() != reply.status()) {
            return "code " + error.path("code") + " is not the status " + reply.status();
        }
        if (error.path("reason").asText("").isBlank()) {
            return "no reason";
        }
        if (error.path("message").asText("").isBlank()) {
            return "no message";
        }
        return null;
    }

    /** Null when the message names one of {@code fields} (or none is expected), else the complaint. */
    static String unnamed(Reply reply, Collection<String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        String message = reply.json().path("message").asText("");
        return fields.stream().anyMatch(message::contains) ? null : "message names none of " + fields;
    }
}
