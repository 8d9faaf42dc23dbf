package org.k2store.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.k2store.api.InvalidInputException;
import org.k2store.cassandra.SectorStats;

/** Windows map onto one counter scale and an inclusive bucket range ending at now's bucket. */
class ConsoleWindowTest {

    private static final long HOUR = 3_600_000_000L;

    @Test
    void hoursAndDaysAreStoredAtHourBucketsEndingNow() {
        long now = 1000 * HOUR + 17;
        ConsoleWindow six = ConsoleWindow.parse("6h", now);
        assertThat(six.scale()).isEqualTo(SectorStats.RECENT);
        assertThat(six.fromBucket()).isEqualTo(995);
        assertThat(six.toBucket()).isEqualTo(1000);
        ConsoleWindow week = ConsoleWindow.parse("7d", now);
        assertThat(week.toBucket() - week.fromBucket() + 1).isEqualTo(168);
        assertThat(ConsoleWindow.parse(null, now).text()).isEqualTo("24h");
        assertThat(ConsoleWindow.parse("1h", -1).toBucket()).as("floor, not truncation, before 1970").isEqualTo(-1);
    }

    @Test
    void allIsTheWholeCreatedAtHistory() {
        ConsoleWindow all = ConsoleWindow.parse("all", 5);
        assertThat(all.scale()).isEqualTo(SectorStats.HISTORY);
        assertThat(all.fromBucket()).isEqualTo(Long.MIN_VALUE);
        assertThat(all.toBucket()).isEqualTo(Long.MAX_VALUE);
        assertThat(all.timeAxis()).isEqualTo("created_at");
        assertThat(all.bucketMicros()).isEqualTo(512L * 15 * 60 * 1_000_000);
    }

    @Test
    void anythingElseIsInvalidInputNamingTheWindow() {
        for (String bad : new String[] {"0h", "169h", "8d", "h", "2w", "1.5h", "ALL", " 6h", "99999h"}) {
            assertThatThrownBy(() -> ConsoleWindow.parse(bad, 0)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("window");
        }
    }
}
