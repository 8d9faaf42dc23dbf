package org.k2store.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.bench.workload.CallersSweep;
import org.k2store.cassandra.testing.CassandraExtension;

/**
 * The whole driver at a tiny size against the tests' shared Cassandra (not a node of its own): every
 * workload runs on every target that takes it, and the results files say so. The JMH hot paths are
 * skipped here (each benchmark's *BenchmarkTest, in its own module, checks its method; JMH itself forks JVMs).
 */
@ExtendWith(CassandraExtension.class)
class BenchSmokeTest {

    @TempDir
    Path directory;

    @Test
    void aTinyRunMeasuresEveryWorkloadOnEveryTarget(CassandraEndpoint endpoint) throws IOException {
        InetSocketAddress node = endpoint.contactPoints().get(0);
        Path out = directory.resolve("results");
        BenchSettings settings = BenchSettings.parse("--cassandra=" + node.getHostString() + ":" + node.getPort(), "--keyspace=k2store_bench_smoke",
                "--tiers=1000", "--sector-samples=3", "--full-samples=2", "--bounded-samples=2", "--startup-sectors=2", "--gossip-rounds=1",
                "--fetch-singles=3", "--fetch-batches=1", "--callers-seconds=0.2", "--ingest-seconds=0.2", "--ingest-mib=2", "--out=" + out,
                "--work=" + directory.resolve("work"), "--skip-jmh");
        BenchMain.run(settings);

        JsonNode json = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
        Set<String> measured = new HashSet<>();
        json.path("results").forEach(row -> measured.add(row.path("workload").asText() + "/" + row.path("target").asText()));
        for (String target : BenchSettings.DEFAULT_TARGETS) {
            if (target.startsWith("plain-")) {
                assertThat(measured).as("ingest on %s", target).contains("ingest/" + target);
                continue; // the ingest limits: no read workloads
            }
            for (Workload workload : Workload.values()) {
                if (workload == Workload.STARTUP && (target.equals("cassandra-fanout1") || target.equals("sqlite-hc07"))) {
                    continue; // fan-out changes nothing for one sector; the index-less peer scans the table per query
                }
                assertThat(measured).as("%s on %s", workload, target).contains(workload.label() + "/" + target);
            }
        }
        assertThat(json.path("run").path("date").asText()).isNotEmpty();
        assertThat(json.path("machine").path("nproc").asText()).isNotEmpty();
        assertThat(json.path("checks")).hasSize(16);
        assertThat(Files.readString(out.resolve("ingest.md"))).contains("| target | batch | writers |").contains("http-lean");
        // A slice's first read is measured only on targets with data of their own: a target reading
        // another's data would find the seals that one's first read just wrote.
        Set<String> firstReads = new HashSet<>();
        json.path("results").forEach(row -> {
            if (row.path("case").asText().endsWith("first read")) {
                firstReads.add(row.path("target").asText());
            }
        });
        assertThat(firstReads).contains("cassandra", "raw-driver", "sqlite-hc06").doesNotContain("cassandra-fanout1", "http", "http-lean");
        // The small calls from 1, 8 and 64 callers: the library and the service through both clients, every call answered.
        List<String> callerRows = new ArrayList<>();
        json.path("results").forEach(row -> {
            if (row.path("workload").asText().equals(CallersSweep.WORKLOAD)) {
                callerRows.add(row.path("target").asText() + "/" + row.path("case").asText());
                assertThat(row.path("note").asText()).as(row.path("case").asText()).startsWith("0 errors");
            }
        });
        assertThat(callerRows).hasSize(CallersSweep.TARGETS.size() * CallersSweep.CALLERS.size() * 3)
                .contains("http-lean/retrieve_ops, 1 id, 64 callers", "http/sector, 128 h full slice, 8 callers", "cassandra/slice_hash_count, a sector, 1 caller");
        // One data size: every target figure is measured but the growth between two sizes.
        json.path("checks").forEach(check -> {
            boolean growth = check.path("target").asText().contains("grows");
            assertThat(check.path("verdict").asText()).as(check.path("target").asText()).isIn(growth ? List.of("not measured") : List.of("met", "MISSED"));
            assertThat(check.path("measured").asText().isEmpty()).as(check.path("target").asText()).isEqualTo(growth);
        });
        assertThat(measured).contains("server-heap/http");
        List<String> csv = Files.readAllLines(out.resolve("latest.csv"));
        assertThat(csv.get(0)).startsWith("run_date,workload,case,stored_ops,target");
        assertThat(json.path("results").size()).isEqualTo(csv.size() - 1);
        for (String plot : List.of("sector-slice.svg", "full-slice.svg", "full-slice-first-read.svg", "bounded-page.svg")) {
            assertThat(Files.readString(out.resolve(plot))).startsWith("<svg").contains("cassandra").contains("sqlite-hc06");
        }
        assertThat(Files.readString(out.resolve("latest.md"))).contains("| target | measured | verdict |");
    }
}
