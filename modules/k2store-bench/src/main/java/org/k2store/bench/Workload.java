package org.k2store.bench;

/** The workloads of the contract's "How kitsune2 uses the store", as the benchmark names them. */
public enum Workload {
    /** process_incoming_ops: batches of 1 and 100 ops, 512 B to 64 KiB. */
    INGEST("ingest"),
    /** retrieve_ops and filter_out_existing_ops with 1 and 1000 ids. */
    FETCH("fetch"),
    /** A node's start-up: per sector count, earliest, a slice query + hash per missing full slice, partials. */
    STARTUP("startup"),
    /** A gossip round: one bounded page since now - 30 min, then the slice hashes of 512 sectors. */
    GOSSIP("gossip"),
    /** One 128 h full slice of one sector. */
    SECTOR_SLICE("sector-slice"),
    /** One 128 h full slice of the FULL arc. */
    FULL_SLICE("full-slice"),
    /** retrieve_op_ids_bounded(FULL, now - 30 min, 100 MiB): gossip's page. */
    BOUNDED("bounded-page");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
