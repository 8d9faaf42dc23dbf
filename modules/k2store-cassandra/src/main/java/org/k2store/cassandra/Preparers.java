package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/** Prepares statements at the configured consistency levels, every one declared idempotent or not. */
record Preparers(CqlSession session, ConsistencyLevel read, ConsistencyLevel write, ConsistencyLevel serial) {

    static Preparers of(CqlSession session, CassandraStoreConfig config) {
        return new Preparers(session, DefaultConsistencyLevel.valueOf(config.getReadConsistency()),
                DefaultConsistencyLevel.valueOf(config.getWriteConsistency()), DefaultConsistencyLevel.valueOf(config.getSerialConsistency()));
    }

    PreparedStatement reading(String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(read).setIdempotent(true));
    }

    PreparedStatement writing(String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(write).setIdempotent(true));
    }

    /** A statement of the write path, its codecs resolved once ({@link HotStatement}). */
    HotStatement hot(PreparedStatement prepared) {
        return new HotStatement(prepared, () -> session.getContext().getCodecRegistry());
    }

    /** A lightweight transaction: the write level for its commit, the serial level for its Paxos round. */
    PreparedStatement transaction(String cql, boolean idempotent) {
        return session.prepare(SimpleStatement.newInstance(cql).setConsistencyLevel(write).setSerialConsistencyLevel(serial)
                .setIdempotent(idempotent));
    }
}
