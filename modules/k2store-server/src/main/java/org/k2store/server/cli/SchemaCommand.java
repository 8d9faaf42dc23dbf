package org.k2store.server.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.concurrent.TimeUnit;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.k2store.cassandra.Schema;
import org.k2store.cassandra.Sessions;
import org.k2store.server.K2StoreConfiguration;
import org.k2store.server.config.ClusterConfig;

/**
 * {@code schema apply|verify config.yml}: creates the keyspace and tables on a cluster and applies the
 * migrations it does not record yet, or checks that all are there at the version this code knows
 * (exit code 1 when not, and always when the keyspace records a newer version), for operators who
 * keep {@code applySchema: false} on the service nodes and migrate explicitly. Prints the version.
 */
public final class SchemaCommand extends ConfiguredCommand<K2StoreConfiguration> {

    public SchemaCommand() {
        super("schema", "Apply or verify the Cassandra schema on the configured cluster");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("apply", "verify")
                .help("apply: create what is missing and apply pending migrations; verify: show the version and what is missing");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<K2StoreConfiguration> bootstrap, Namespace namespace, K2StoreConfiguration configuration)
            throws Exception {
        ClusterConfig cassandra = configuration.getCassandra();
        cassandra.validate();
        if (cassandra.getContactPoints().isEmpty()) {
            throw new IllegalArgumentException("schema: cassandra.contactPoints is empty; set it (or K2STORE_CASSANDRA_CONTACT_POINTS) "
                    + "to the cluster to migrate. The embedded node gets its schema when the server starts.");
        }
        try (CqlSession session = Sessions.open(cassandra, Sessions.parse(cassandra.getContactPoints())).toCompletableFuture()
                .get(cassandra.getConnectTimeout().toMillis() * 3, TimeUnit.MILLISECONDS)) {
            if (namespace.getString("action").equals("apply")) {
                Schema.apply(session, cassandra);
            }
            Schema.Status status = Schema.status(session, cassandra);
            if (!status.isCurrent()) {
                throw new IllegalStateException("schema: " + status.message());
            }
            System.out.println("schema: " + status.message());
        }
    }
}
