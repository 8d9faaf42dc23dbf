package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Slow-loris uploads (input/attack.yml: 1 KiB/s minimum request data rate, a 4 s body deadline, 16
 * requests in progress per tenant): a tenant's own trickling uploads are cut off with 408 long
 * before they would end, its permits come back, and nothing they carried is stored. Uploads
 * without a token are refused per address before they can fill the service.
 */
@ExtendWith(CassandraExtension.class)
class SlowClientAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";
    private static final int TRICKLED_BYTES = 120; // a byte every 250 ms: 30 s if nobody stops it

    private static SpaceFixture space;

    @BeforeAll
    static void start() {
        space = SpaceFixture.create(attacked.api(), TENANT, "slow-clients", 5, 1_700_000_000_000_000L);
    }

    @Test
    void tricklingUploadsAreCutOffAndTheirTenantIsServedAgain() throws Exception {
        List<CompletableFuture<SlowUpload.Outcome>> uploads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            uploads.add(SlowUpload.start(attacked.service().api(), space.path() + "/ops", TENANT, 4096, TRICKLED_BYTES, 250));
        }
        for (CompletableFuture<SlowUpload.Outcome> upload : uploads) {
            SlowUpload.Outcome outcome = upload.get(60, TimeUnit.SECONDS);
            assertThat(outcome.bytesSent()).as("cut off before the trickle ended: " + outcome).isLessThan(TRICKLED_BYTES);
            assertThat(outcome.status()).as(outcome.toString()).isIn(408, -1);
        }
        Reply count = attacked.api().get(space.path() + "/op-count", TENANT);
        assertThat(count.status()).as("the tenant's permits came back: " + count.text()).isEqualTo(200);
        assertThat(count.json().path("count").asLong()).as("nothing half-stored").isEqualTo(5);
    }

    @Test
    void uploadsWithoutATokenCannotFillTheService() throws Exception {
        List<CompletableFuture<SlowUpload.Outcome>> uploads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            uploads.add(SlowUpload.start(attacked.service().api(), space.path() + "/ops", "not-a-token", 4096, TRICKLED_BYTES, 250));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<SlowUpload.Outcome> upload : uploads) {
            SlowUpload.Outcome outcome = upload.get(60, TimeUnit.SECONDS);
            assertThat(outcome.bytesSent()).as(outcome.toString()).isLessThan(TRICKLED_BYTES);
            statuses.add(outcome.status());
        }
        assertThat(statuses).as("refused, never served").allMatch(status -> status == 401 || status == 429 || status == 408 || status == -1);
        Reply served = attacked.api().get(space.path() + "/op-count", TENANT);
        assertThat(served.status()).isEqualTo(200);
    }
}
