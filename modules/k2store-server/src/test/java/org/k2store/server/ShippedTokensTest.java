package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.k2store.server.auth.ShippedTokens;
import org.k2store.server.auth.TokenHashes;
import org.k2store.server.config.AuthConfig;
import org.k2store.server.config.TenantConfig;

/** A tenant that lists the hash of a token published in the repository stops the service from starting. */
class ShippedTokensTest {

    private static AuthConfig tenants(TenantConfig... tenants) {
        AuthConfig auth = new AuthConfig();
        auth.getTenants().addAll(List.of(tenants));
        return auth;
    }

    @Test
    void theShippedSecretsExampleTokenIsRefusedNamingTheTenantAndWhy() {
        AuthConfig auth = tenants(new TenantConfig("own", List.of(TokenHashes.sha256Hex("a-real-random-token")), List.of("*")),
                new TenantConfig("example", List.of(TokenHashes.sha256Hex("change-me")), List.of("*")));
        assertThatThrownBy(() -> ShippedTokens.check(auth)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start").hasMessageContaining("tenant 'example'")
                .hasMessageContaining("\"change-me\"").hasMessageContaining("published").hasMessageContaining("hash-token");
    }

    @Test
    void everyPublishedExampleIsRefusedWhateverTheCaseOfItsHex() {
        for (String token : List.of("change-me", "CHANGE-ME", "test", "alice-example-token", "bob-example-token")) {
            String hash = TokenHashes.sha256Hex(token).toUpperCase(Locale.ROOT);
            assertThat(ShippedTokens.isShipped(hash)).as(token).isTrue();
            assertThatThrownBy(() -> ShippedTokens.check(tenants(new TenantConfig("t", List.of(hash), List.of("*")))))
                    .as(token).hasMessageContaining("tenant 't'");
        }
    }

    /** A hash shown in the docs, config.yml or deploy/ that the service would accept is a working credential in waiting. */
    @Test
    void everyTokenHashTheRepositoryShowsIsOneTheServiceRefuses() throws IOException {
        Pattern hash = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");
        List<Path> files = new ArrayList<>(List.of(DeployManifests.ROOT.resolve("README.md"), DeployManifests.ROOT.resolve("config.yml")));
        for (String directory : List.of("docs", "deploy")) {
            try (Stream<Path> walk = Files.walk(DeployManifests.ROOT.resolve(directory))) {
                walk.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".png")).forEach(files::add);
            }
        }
        int shown = 0;
        for (Path file : files) {
            Matcher matcher = hash.matcher(Files.readString(file));
            while (matcher.find()) {
                assertThat(ShippedTokens.isShipped(matcher.group())).as("%s shows %s", file, matcher.group()).isTrue();
                shown++;
            }
        }
        assertThat(shown).as("the Secret, config.yml and README.md show example hashes").isGreaterThanOrEqualTo(4);
    }

    @Test
    void tenantsWithTheirOwnTokensStart() {
        assertThatCode(() -> ShippedTokens.check(tenants(new TenantConfig("alice", List.of(TokenHashes.sha256Hex("alice-token")),
                List.of("*"))))).doesNotThrowAnyException();
        assertThatCode(() -> ShippedTokens.check(tenants())).doesNotThrowAnyException();
    }
}
