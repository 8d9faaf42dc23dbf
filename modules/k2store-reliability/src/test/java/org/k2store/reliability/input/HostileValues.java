package org.k2store.reliability.input;

import java.util.List;
import java.util.Random;

/**
 * Malformed values for each kind of request part, as they go into a request target (raw, so some
 * carry broken percent-encoding or raw non-ASCII bytes). None of them is a valid value for its
 * field: a write that got through with one would change stored data.
 */
final class HostileValues {

    static final List<String> NUMBERS = List.of("-1", "-0x1", "+1", "1e3", "1.0", "0x10", "", "%20", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "99999999999999999999999999999999999999", "NaN", "Infinity", "-",
            "%D9%A1%D9%A2", "1%00", "%", "%ZZ", "1;2", "1,2", "%EF%BC%91", "null", "true", "[1]", "12abc", "٣");

    static final List<String> ARCS = List.of("", "EMPTY", "full", "0..4294967296", "-1..5", "5..", "..5", "..", "1..2..3",
            "1...2", "1..-2", "%200..1", "0x0..0xff", "1,2", "%EF%BC%91..%EF%BC%92", "0..99999999999999999999999", "a..b",
            "0..4294967295%00", "%", "%C0%AE%C0%AE", "1.2", "18446744073709551615..0", "empty..1", "0 ..1");

    static final List<String> SPACES = List.of("!!!", "%00", "%ZZ", "%", "%C0%AF", "%E2%80%AE", "%F0%9F%92%A9", "\u00e9t\u00e9",
            "A", "AAAAA", "A===", "a%2Fb", "%2e%2e", "AA%3D%3D%3D", "YWxp%20Y2U", "%20", "+/+/", "~", "\u202eabc", "A".repeat(300),
            "%FF%FE", "*", "a*", "%2A");

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nope", "*/*",
            "application/", "garbage", "application/json, text/plain", "application/vnd.k2+json", "text/json", ";;;",
            "application/json; charset=\"", "\u00e9/\u00e9");

    static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "FOO", "TRACE", "CONNECT");

    static final List<String> BAD_BODIES = List.of("", " ", "{", "}", "[]", "null", "42", "\"text\"", "{\"ops\": }",
            "{\"op_ids\": [\"AQID\"]", "{} {}", "{}x", "{\"op_ids\": \"AQID\"}", "{\"op_ids\": [null]}", "{\"op_ids\": [\"!!!\"]}",
            "{\"op_ids\": [\"\"]}", "{\"op_ids\": [\"A\"]}", "{\"op_ids\": [[\"AQID\"]]}", "{\"op_ids\": [{\"a\": 1}]}",
            "{\"ops\": [\"!!!\"]}", "{\"ops\": [\"bm90IGpzb24\"]}", "{\"ops\": [\"\"]}", "{\"ops\": [1, 2]}", "{\"ops\": [null]}",
            "{\"ops\": [{\"op_id\": \"AQID\", \"created_at\": 1e400, \"op_data\": \"AA\"}]}",
            "{\"ops\": [\"eyJjcmVhdGVkX2F0IjotMX0\"]}",
            "{\"ops\": [\"eyJjcmVhdGVkX2F0IjoxLCJvcF9kYXRhIjpbMjU2XX0\"]}", "{\"ops\": [\"eyJjcmVhdGVkX2F0IjoxLjUsIm9wX2RhdGEiOlsxXX0\"]}", "{\"ops\": [\"eyJjcmVhdGVkX2F0Ijo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5LCJvcF9kYXRhIjpbMV19\"]}",
            "{\"hash\": \"\"}", "{\"hash\": 5}", "{\"hash\": \"@@\"}", "{\"hash\": null}", "{\"hash\": \"AA\", \"hash\": \"AB\"}",
            "{\"codec\": \"nope\", \"location\": \"xor-fold\"}", "{\"codec\": \"kitsune2-memory\", \"location\": \"suffix-le32\"}",
            "{\"codec\": 1, \"location\": []}", "{\"codec\": \"kitsune2-memory\"}", "{\"location\": \"xor-fold\"}",
            "{\"ops\": NaN}", "{'ops': []}", "{\"ops\": [\"AQID\",]}", "\ufeff{\"ops\": []}", "{\"\\u0000\": 1}",
            "{\"op_ids\": [\"\\ud800\"]}", "{\"hash\": \"\\uDFFF\"}", "{\"ops\": [\"AAAA\"], \"ops\": []}");

    private HostileValues() {
    }

    static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A random run of characters from a hostile alphabet: controls, quotes, percent signs, non-BMP. */
    static String junk(Random random, int maxLength) {
        String alphabet = "aZ09-_=+/.%~!$&'()*,;:@\"<>\\^`{|}[]#? \u00e9\u00df\u4e2d\ud83d\ude00\u202e\u0000\u001f\u007f";
        StringBuilder junk = new StringBuilder();
        int length = 1 + random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                junk.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                junk.append(c);
            }
        }
        return junk.toString();
    }

    /** {@code [[[...]]]} or {@code {"a":{"a":...}}}, deeper than any parser limit, under the body limit. */
    static String deeplyNested(Random random, int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        return switch (random.nextInt(3)) {
            case 0 -> inner;
            case 1 -> "{\"ops\": [" + inner + "]}";
            default -> "{\"op_ids\": " + inner + ", \"hash\": " + inner + "}";
        };
    }

    /** An id list of {@code count} well-formed ids: more than one request may carry. */
    static String manyIds(int count) {
        StringBuilder json = new StringBuilder("{\"op_ids\": [");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "\"" : ",\"").append("AQID").append('"');
        }
        return json.append("]}").toString();
    }
}
