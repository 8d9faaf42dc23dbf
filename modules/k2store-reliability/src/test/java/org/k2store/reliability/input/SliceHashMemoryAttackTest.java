package org.k2store.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.k2store.api.Base64Url;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * Slice hashes as a way to make the service hold memory: a 256 KiB hash is refused (400 naming
 * hash, nothing stored), and an arc with more hashes than one read page is answered whole, in
 * order, streamed page by page rather than read into memory at once.
 */
@ExtendWith(CassandraExtension.class)
class SliceHashMemoryAttackTest {

    @RegisterExtension
    static final ServiceUnderTest attacked = new ServiceUnderTest("attack.yml");

    private static final String TENANT = "attack-token";

    private static SpaceFixture space;

    @BeforeAll
    static void start() {
        space = SpaceFixture.create(attacked.api(), TENANT, "slice-hash-memory", 3, 1_700_000_000_000_000L);
    }

    @Test
    void anOversizedHashIsRefusedAndNotStored() {
        String huge = Base64Url.encode(new byte[256 * 1024]);
        Reply put = attacked.api().json("PUT", space.path() + "/slice-hashes/0..99/5", TENANT, "{\"hash\": \"" + huge + "\"}");
        assertThat(put.status()).as(put.text()).isEqualTo(400);
        assertThat(put.json().path("message").asText()).startsWith("hash:").contains("limits.maxSliceHashBytes");
        assertThat(attacked.api().get(space.path() + "/slice-hashes/0..99/5", TENANT).status()).isEqualTo(404);
        Reply fits = attacked.api().json("PUT", space.path() + "/slice-hashes/0..99/5", TENANT,
                "{\"hash\": \"" + Base64Url.encode(new byte[256]) + "\"}");
        assertThat(fits.status()).as(fits.text()).isEqualTo(204);
    }

    @Test
    void anArcWithManyHashesIsAnsweredWholeAndInOrder() {
        String arc = "/slice-hashes/100..199";
        List<Long> stored = new ArrayList<>();
        for (long index = 0; index < 1_200; index++) {
            long u64 = index == 1_199 ? -1L : index * 3; // the last one is 2^64 - 1
            Reply put = attacked.api().json("PUT", space.path() + arc + "/" + Long.toUnsignedString(u64), TENANT,
                    "{\"hash\": \"" + Base64Url.encode(new byte[] {(byte) index, 32}) + "\"}");
            assertThat(put.status()).as(put.text()).isEqualTo(204);
            stored.add(u64);
        }
        Reply all = attacked.api().get(space.path() + arc, TENANT);
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        List<String> indexes = new ArrayList<>();
        for (JsonNode row : all.json().path("slice_hashes")) {
            indexes.add(row.path("index").asText());
        }
        assertThat(indexes).containsExactlyElementsOf(stored.stream().map(Long::toUnsignedString).toList());
    }
}
