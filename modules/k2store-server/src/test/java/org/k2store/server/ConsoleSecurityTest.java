package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * What the console answers a browser, or someone pretending to be one (issue 13, finding 8): no
 * amplification through byte ranges, the security headers on the page, its files and its JSON,
 * nosniff on every /v1 answer, and a page that takes its token from nowhere but its password field.
 */
@ExtendWith(CassandraExtension.class)
class ConsoleSecurityTest {

    private static final String ALICE = "alice-token";
    private static final String ASSETS = "/org/k2store/server/console/assets/";

    private static TestServer server;
    private static Http api;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("console.yml", StoreTuning.PRODUCTION, cassandra);
        api = new Http(server.api());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeHundredRangesGetTheWholeFileOnceAndNoMore() {
        for (String asset : List.of("/console/console.js", "/console/", "/console/console.css")) {
            Http.Reply whole = api.get(asset, null);
            assertThat(whole.status()).isEqualTo(200);
            int size = whole.body().getBytes(StandardCharsets.UTF_8).length;
            String ranges = IntStream.range(0, 300).mapToObj(i -> "0-").collect(Collectors.joining(",", "bytes=", ""));
            Http.Reply ranged = api.get(asset, null, "Range", ranges);
            assertThat(ranged.status()).as(asset).isEqualTo(200);
            assertThat(ranged.body().getBytes(StandardCharsets.UTF_8).length).as(asset).isEqualTo(size);
            assertThat(ranged.header("Content-Type")).as(asset).doesNotContain("multipart");
            assertThat(ranged.header("Content-Range")).as(asset).isNull();
            assertThat(ranged.header("Accept-Ranges")).as(asset).isNull();
            assertThat(api.get(asset, null, "Range", "bytes=0-9").status()).as("one range is ignored too").isEqualTo(200);
        }
    }

    @Test
    void thePageAndItsFilesForbidFramingSniffingReferrersAndForeignOrInlineCode() {
        for (String path : List.of("/console/", "/console/index.html", "/console/console.js", "/console/console.css")) {
            Http.Reply reply = api.get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(200);
            String policy = reply.header("Content-Security-Policy");
            assertThat(policy).as(path).isNotNull()
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                            "base-uri 'none'", "form-action 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void theConsoleJsonForbidsEverythingAndIsNeverStored() {
        String space = Base64Url.encode(new byte[] {7, 7, 7});
        List<Http.Reply> replies = List.of(api.get("/v1/console/spaces", ALICE), api.get("/v1/console/service", ALICE),
                api.get("/v1/console/spaces", null), api.get("/v1/console/spaces/" + space + "/ring", ALICE));
        assertThat(replies.stream().map(Http.Reply::status)).containsExactly(200, 200, 401, 404);
        for (Http.Reply reply : replies) {
            String what = reply.response().uri() + " " + reply.status();
            assertThat(reply.header("Content-Security-Policy")).as(what).contains("default-src 'none'", "frame-ancestors 'none'");
            assertThat(reply.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(reply.header("Cache-Control")).as(what).contains("no-store");
        }
    }

    @Test
    void everyApiAnswerIsNosniff() {
        String unknown = Base64Url.encode(new byte[] {9, 9});
        List<Http.Reply> replies = List.of(api.get("/v1/spaces/" + unknown + "/op-count", ALICE),
                api.get("/v1/spaces/" + unknown + "/op-count", null), api.json("PUT", "/v1/spaces/" + unknown, ALICE, "{not json"),
                api.get("/v1/no-such-call", ALICE));
        for (Http.Reply reply : replies) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.response().uri() + " " + reply.status())
                    .isEqualTo("nosniff");
        }
    }

    @Test
    void thePageHasNoInlineCodeAndNeverTakesItsTokenFromTheUrl() throws IOException {
        String page = resource("index.html");
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", " style=")
                .doesNotContainPattern("\\son[a-z]+=");
        String script = resource("console.js");
        // The fragment still names a space and a window; no value of the URL may become the token.
        assertThat(script).doesNotContainPattern(Pattern.compile("\\.get\\(\\s*['\"]token['\"]"))
                .doesNotContainPattern("token:\\s*params").doesNotContain("eval(", "innerHTML");
        assertThat(script).contains("history.replaceState");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsoleSecurityTest.class.getResourceAsStream(ASSETS + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
