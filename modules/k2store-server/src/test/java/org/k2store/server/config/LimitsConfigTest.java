package org.k2store.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The limits whose defaults follow the machine: what the README promises for each. */
class LimitsConfigTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void maxConnectionsDefaultsToOnePer32KiBOfHeapWithinHalfTheFileDescriptorsAndAQuarterOfThemPerAddress() throws Exception {
        LimitsConfig defaults = new LimitsConfig();
        assertThat(defaults.connections(512 * MIB, 1_048_576)).as("heap-bound").isEqualTo(16_384);
        assertThat(defaults.connections(6_000 * MIB, 20_000)).as("file-bound").isEqualTo(10_000);
        assertThat(defaults.connections(512 * MIB, 0)).as("descriptors unknown").isEqualTo(16_384);
        assertThat(defaults.connections(MIB, 100)).as("never below 64").isEqualTo(64);
        LimitsConfig set = new ObjectMapper().readValue("{\"maxConnections\": 300}", LimitsConfig.class);
        assertThat(set.connections(512 * MIB, 1_048_576)).as("as configured").isEqualTo(300);
        assertThat(defaults.connectionsPerAddress(10_000)).as("a quarter of the service's").isEqualTo(2_500);
        LimitsConfig perAddress = new ObjectMapper().readValue("{\"maxConnectionsPerAddress\": 256}", LimitsConfig.class);
        assertThat(perAddress.connectionsPerAddress(10_000)).isEqualTo(256);
        LimitsConfig off = new ObjectMapper().readValue("{\"maxConnectionsPerAddress\": -1}", LimitsConfig.class);
        assertThat(off.connectionsPerAddress(10_000)).as("-1: no cap").isZero();
    }

    @Test
    void maxBytesInFlightDefaultsToAnEighthOfTheHeapButNeverBelowOneBody() throws Exception {
        LimitsConfig defaults = new LimitsConfig();
        assertThat(defaults.bytesInFlight(512 * MIB)).isEqualTo(64 * MIB);
        assertThat(defaults.bytesInFlight(64 * MIB)).as("one 16 MiB body always fits").isEqualTo(16 * MIB);
        LimitsConfig set = new ObjectMapper().readValue("{\"maxBytesInFlight\": 100000}", LimitsConfig.class);
        assertThat(set.bytesInFlight(512 * MIB)).as("never below maxBodyBytes").isEqualTo(16 * MIB);
    }
}
