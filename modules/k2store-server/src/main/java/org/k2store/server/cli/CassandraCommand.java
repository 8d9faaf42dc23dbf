package org.k2store.server.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.k2store.cassandra.embedded.EmbeddedCassandraMain;
import org.k2store.server.K2StoreConfiguration;
import org.k2store.server.config.EmbeddedConfig;

/**
 * {@code cassandra [config.yml]}: runs the embedded Cassandra node alone, in the foreground, with the
 * {@code embedded:} settings of the configuration, until Ctrl-C. Point a service (or several) at
 * it with {@code K2STORE_CASSANDRA_CONTACT_POINTS=127.0.0.1:<nativePort>}.
 */
public final class CassandraCommand extends ConfiguredCommand<K2StoreConfiguration> {

    public CassandraCommand() {
        super("cassandra", "Run the embedded Cassandra node in the foreground (Ctrl-C stops it)");
    }

    @Override
    protected void run(Bootstrap<K2StoreConfiguration> bootstrap, Namespace namespace, K2StoreConfiguration configuration)
            throws Exception {
        EmbeddedConfig embedded = configuration.getEmbedded();
        EmbeddedCassandraMain.main(new String[] {
            "--data-dir=" + embedded.getDataDirectory(),
            "--native-port=" + embedded.getNativePort(),
            "--heap=" + embedded.getHeap(),
        });
    }
}
