package org.k2store.bench;

import org.k2store.api.OpStore;

/**
 * A store whose writers each need a connection of their own (the lean HTTP client: one persistent
 * socket per writer). The ingest sweep asks it for one store per writer thread and closes those after
 * the case.
 */
public interface PerWriterStore {

    /** A store for one writer thread; closed (when AutoCloseable) once the writer is done. */
    OpStore forWriter();
}
