package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.SpaceConflictException;
import org.k2store.api.StoreUnavailableException;
import org.k2store.api.UnknownSpaceException;

/** Error answers become the API's exception types, so a remote store fails like a local one. */
class ServiceErrorsTest {

    private static final SpaceId SPACE = SpaceId.of(new byte[] {1, 2, 3});

    private static K2StoreException map(int status, String body) {
        return ServiceErrors.toException("call", SPACE, status, body.getBytes(StandardCharsets.UTF_8), Optional.of(Duration.ofSeconds(2)));
    }

    private static String error(int code, String reason, String message) {
        return "{\"code\": " + code + ", \"reason\": \"" + reason + "\", \"message\": \"" + message + "\"}";
    }

    @Test
    void eachStatusHasItsType() {
        assertThat(map(400, error(400, "invalid_input", "ops[3]: bad"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("ops[3]: bad");
        assertThat(map(413, error(413, "body_too_large", "body: too large"))).isInstanceOf(InvalidInputException.class);
        assertThat(map(404, error(404, "unknown_space", "space 'AQID' does not exist"))).isInstanceOf(UnknownSpaceException.class)
                .hasMessageContaining("AQID");
        assertThat(map(404, error(404, "not_found", "no such resource"))).isExactlyInstanceOf(K2StoreException.class);
        assertThat(map(409, error(409, "space_conflict", "other settings"))).isInstanceOf(SpaceConflictException.class);
        assertThat(map(401, error(401, "unauthenticated", "authorization: missing"))).isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> assertThat(((AccessDeniedException) e).status()).isEqualTo(401));
        assertThat(map(403, error(403, "forbidden", "space: not granted"))).isInstanceOf(AccessDeniedException.class);
        assertThat(map(500, error(500, "internal_error", "bug"))).isExactlyInstanceOf(K2StoreException.class);
    }

    @Test
    void overloadCarriesRetryAfter() {
        for (int status : new int[] {429, 503}) {
            K2StoreException e = map(status, error(status, "overloaded", "busy"));
            assertThat(e).isInstanceOf(StoreUnavailableException.class).isInstanceOf(ServiceUnavailableException.class);
            assertThat(((ServiceUnavailableException) e).retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(((ServiceUnavailableException) e).status()).isEqualTo(status);
        }
        assertThat(ServiceErrors.retryable(429)).isTrue();
        assertThat(ServiceErrors.retryable(400)).isFalse();
        assertThat(ServiceErrors.retryable(404)).isFalse();
        assertThat(ServiceErrors.retryable(500)).isFalse();
    }

    @Test
    void aBodyThatIsNotTheApisStillGivesAMessage() {
        assertThat(map(502, "<html>Bad Gateway</html>")).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("Bad Gateway");
        assertThat(map(400, "")).isInstanceOf(InvalidInputException.class).hasMessage("HTTP 400");
    }

    @Test
    void spaceIdsAreCanonicalBase64Url() {
        assertThat(SpaceId.parse("AQID").base64()).isEqualTo("AQID");
        assertThat(SpaceId.parse("AQI=").base64()).as("padding dropped").isEqualTo("AQI");
        assertThat(SpaceId.of(new byte[] {-5, -1}).base64()).isEqualTo("-_8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpaceId.parse("a*b")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("space");
    }
}
