package org.k2store.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.k2store.server.auth.TokenHashes;
import org.k2store.server.config.AdminConfig;

class AdminRequestGuardTest {

    private static Optional<AdminRequestGuard.Refusal> check(AdminRequestGuard guard, String path, Map<String, String> headers) {
        return guard.check(path, headers::get);
    }

    @Test
    void byDefaultAddressesAndLocalhostPassAndNamesDoNot() {
        AdminRequestGuard guard = new AdminRequestGuard(new AdminConfig());
        for (String host : new String[] {"127.0.0.1:8081", "localhost", "LOCALHOST:8081", "10.1.2.3:8081", "[::1]:8081", "[fd00::12]"}) {
            assertThat(check(guard, "/metrics", Map.of("Host", host))).as(host).isEmpty();
        }
        for (String host : new String[] {"attacker.example", "127.0.0.1.nip.io", "localhost.", "127.0.0.1:x", "[::1]junk", "", "999.1.1.1"}) {
            assertThat(check(guard, "/metrics", Map.of("Host", host))).as(host).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
        }
        assertThat(check(guard, "/metrics", Map.of())).as("no Host at all").isPresent();
    }

    @Test
    void configuredNamesPass() {
        AdminConfig config = new AdminConfig();
        config.getAllowedHostNames().add("K2store-0.k2store.svc");
        AdminRequestGuard guard = new AdminRequestGuard(config);
        assertThat(check(guard, "/metrics", Map.of("Host", "k2store-0.k2store.svc:8081"))).isEmpty();
        assertThat(check(guard, "/metrics", Map.of("Host", "k2store-1.k2store.svc:8081"))).isPresent();
    }

    @Test
    void crossSiteRequestsAreRefusedAndSameOriginOnesPass() {
        AdminRequestGuard guard = new AdminRequestGuard(new AdminConfig());
        assertThat(check(guard, "/tasks/drop-space", Map.of("Host", "127.0.0.1:8081", "Origin", "http://attacker.example"))).isPresent();
        assertThat(check(guard, "/tasks/drop-space", Map.of("Host", "127.0.0.1:8081", "Origin", "null"))).isPresent();
        assertThat(check(guard, "/tasks/drop-space", Map.of("Host", "127.0.0.1:8081", "Origin", "http://127.0.0.1:8080"))).as("another port")
                .isPresent();
        assertThat(check(guard, "/tasks/drop-space", Map.of("Host", "127.0.0.1:8081", "Sec-Fetch-Site", "same-site"))).isPresent();
        assertThat(check(guard, "/tasks/drop-space", Map.of("Host", "127.0.0.1:8081", "Origin", "http://127.0.0.1:8081",
                "Sec-Fetch-Site", "same-origin"))).isEmpty();
        assertThat(check(guard, "/metrics", Map.of("Host", "127.0.0.1:8081", "Sec-Fetch-Site", "none"))).as("typed in the address bar")
                .isEmpty();
    }

    @Test
    void aConfiguredTokenIsNeededExceptForProbes() {
        AdminConfig config = new AdminConfig();
        config.getTokenSha256().add(TokenHashes.sha256Hex("admin-secret").toUpperCase());
        AdminRequestGuard guard = new AdminRequestGuard(config);
        assertThat(check(guard, "/metrics", Map.of("Host", "127.0.0.1"))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(check(guard, "/metrics", Map.of("Host", "127.0.0.1", "Authorization", "Bearer wrong"))).isPresent();
        assertThat(check(guard, "/metrics", Map.of("Host", "127.0.0.1", "Authorization", "bearer admin-secret"))).isEmpty();
        assertThat(check(guard, "/ping", Map.of("Host", "127.0.0.1"))).isEmpty();
        assertThat(check(guard, "/healthcheck", Map.of("Host", "127.0.0.1"))).isEmpty();
    }
}
