package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * What the console answers a browser, or someone pretending to be one (issue 13, finding 8): no
 * amplification through byte ranges.
 */
@ExtendWith(CassandraExtension.class)
class ConsoleSecurityTest {

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
}
