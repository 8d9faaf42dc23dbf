package org.k2store.server.auth;

import java.util.regex.Pattern;

/**
 * A grant of spaces to a tenant: an exact base64url space id, or a glob where {@code *} matches any
 * run of characters ({@code *} alone grants every space). Matched against the canonical form of
 * the id in the request path.
 */
public final class SpacePattern {

    private final String text;
    private final Pattern regex;

    private SpacePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    public static SpacePattern parse(String text) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int star = text.indexOf('*'); star >= 0; star = text.indexOf('*', from)) {
            regex.append(Pattern.quote(text.substring(from, star))).append(".*");
            from = star + 1;
        }
        regex.append(Pattern.quote(text.substring(from)));
        return new SpacePattern(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String space) {
        return regex.matcher(space).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
