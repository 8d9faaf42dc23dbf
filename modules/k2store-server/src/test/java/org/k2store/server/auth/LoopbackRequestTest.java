package org.k2store.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackRequestTest {

    @Test
    void onlyLiteralLoopbackHostsCount() {
        for (String host : new String[] {"localhost", "localhost:8080", "127.0.0.1", "127.1.2.3:1", "[::1]", "[::1]:8080"}) {
            assertThat(LoopbackRequest.isLoopbackHost(host)).as(host).isTrue();
        }
        for (String host : new String[] {null, "", "127.0.0.1.nip.io", "attacker.example", "127.0.0.256", "127.0.0", "[::2]", "localhost:x",
                "localhost.", "[::1]x", "0x7f000001", "10.0.0.1"}) {
            assertThat(LoopbackRequest.isLoopbackHost(host)).as(String.valueOf(host)).isFalse();
        }
    }

    @Test
    void anyForwardingHeaderDisqualifies() {
        assertThat(LoopbackRequest.isPlainLoopback(Map.of("Host", "127.0.0.1")::get)).isTrue();
        for (String header : LoopbackRequest.FORWARDING_HEADERS) {
            assertThat(LoopbackRequest.isPlainLoopback(Map.of("Host", "127.0.0.1", header, "x")::get)).as(header).isFalse();
        }
    }
}
