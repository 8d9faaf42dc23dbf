package org.k2store.server.wire;

import java.util.regex.Pattern;
import org.k2store.api.DhtArc;
import org.k2store.api.InvalidInputException;
import org.k2store.api.OpSizes;
import org.k2store.api.Timestamp;

/**
 * Parses the API's query and path values from their text, naming the parameter in every error.
 * Jersey's own conversion would answer a bad number with a bare 404, so parameters arrive as strings.
 */
public final class QueryParams {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private QueryParams() {
    }

    public static DhtArc arc(String text, String field) {
        return DhtArc.parse(text, field);
    }

    /** Microseconds since the epoch, a signed 64-bit integer. */
    public static Timestamp timestamp(String text, String field) {
        return new Timestamp(int64(text, field));
    }

    /** A byte budget: any unsigned 32-bit integer, as kitsune2 takes it. */
    public static long limitBytes(String text, String field) {
        return OpSizes.checkLimit(int64(text, field), field);
    }

    static long int64(String text, String field) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(field + ": missing");
        }
        if (text.length() > 20 || !INTEGER.matcher(text).matches()) {
            throw new InvalidInputException(field + ": '" + abbreviate(text) + "' is not a decimal 64-bit integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field + ": " + text + " is outside the signed 64-bit range");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
