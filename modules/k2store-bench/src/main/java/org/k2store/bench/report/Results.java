package org.k2store.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a run produced: its description (date, machine, settings, targets) and its figures. */
public final class Results {

    private final Map<String, String> run = new LinkedHashMap<>();
    private final Map<String, String> machine;
    private final Map<String, String> settings;
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<ResultRow> rows = new ArrayList<>();
    private final List<IngestRow> ingest = new ArrayList<>();

    public Results(Map<String, String> machine, Map<String, String> settings) {
        this.machine = new LinkedHashMap<>(machine);
        this.settings = new LinkedHashMap<>(settings);
    }

    public synchronized void run(String key, String value) {
        run.put(key, value);
    }

    public synchronized void target(String name, String description) {
        targets.put(name, description);
    }

    public synchronized void note(String key, String value) {
        notes.put(key, value);
    }

    public synchronized void add(ResultRow row) {
        rows.add(row);
    }

    public synchronized void addAll(List<ResultRow> more) {
        rows.addAll(more);
    }

    /** Adds the ingest sweep's rows, and each as a row of the main results too. */
    public synchronized void addIngest(List<IngestRow> more) {
        ingest.addAll(more);
        more.forEach(row -> rows.add(row.toResultRow()));
    }

    public synchronized List<IngestRow> ingest() {
        return List.copyOf(ingest);
    }

    /** The ingest sweep's row of a target, batch and writer count, if measured. */
    public synchronized Optional<IngestRow> ingest(String target, int batch, int writers) {
        return ingest.stream().filter(r -> r.target().equals(target) && r.batch() == batch && r.writers() == writers).findFirst();
    }

    public synchronized List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    public synchronized Map<String, String> run() {
        return new LinkedHashMap<>(run);
    }

    public Map<String, String> machine() {
        return machine;
    }

    public Map<String, String> settings() {
        return settings;
    }

    public synchronized Map<String, String> targets() {
        return new LinkedHashMap<>(targets);
    }

    public synchronized Map<String, String> notes() {
        return new LinkedHashMap<>(notes);
    }

    /** The row of a workload case at a data size on a target, if measured. */
    public synchronized Optional<ResultRow> find(String workload, String caseName, long storedOps, String target) {
        return rows.stream().filter(r -> r.workload().equals(workload) && r.caseName().equals(caseName) && r.storedOps() == storedOps
                && r.target().equals(target)).findFirst();
    }

    /** The data sizes the read workloads ran at, ascending. */
    public synchronized List<Long> tiers() {
        return rows.stream().map(ResultRow::storedOps).filter(n -> n > 0).distinct().sorted().toList();
    }
}
