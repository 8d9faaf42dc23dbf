package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Settings that would break a promise are refused at start-up, naming the setting, instead of a
 * service that starts and then answers 503 for ever (the settle window) or may split a space
 * across two uids (a re-creation interval shorter than the cache's).
 */
@ExtendWith(CassandraExtension.class)
class StartUpRefusalTest {

    @Test
    void aSettleWindowTooShortForTheNodesWriteTimeoutIsRefused(CassandraEndpoint cassandra) {
        assertThatThrownBy(() -> TestServer.start("conformance.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("cassandra.settleWindow", "PT1S")))
                .hasStackTraceContaining("settleWindow PT1S is too short").hasStackTraceContaining("write_request_timeout");
    }

    @Test
    void aRecreationIntervalWithinTheCacheIntervalIsRefused(CassandraEndpoint cassandra) {
        assertThatThrownBy(() -> TestServer.start("conformance.yml", StoreTuning.PRODUCTION, cassandra,
                ConfigOverride.config("cassandra.recreateAfterDrop", "PT5S"), ConfigOverride.config("storeCache.revalidateAfter", "PT5S")))
                .hasStackTraceContaining("cassandra.recreateAfterDrop (PT5S) must be longer than storeCache.revalidateAfter (PT5S)");
    }
}
