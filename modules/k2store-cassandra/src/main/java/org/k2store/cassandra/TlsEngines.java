package org.k2store.cassandra;

import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The driver's TLS set-up. {@code CqlSessionBuilder.withSslContext} alone does not check host names,
 * so any certificate the trust store signed would pass for any node; this builds the engine factory
 * with hostname validation as configured (on by default), and the trust store from configuration so
 * its password never has to sit on a JVM command line.
 */
public final class TlsEngines {

    private TlsEngines() {
    }

    /** The engine factory for {@code config}, which must have TLS on. */
    public static SslEngineFactory forConfig(CassandraStoreConfig config) {
        return engineFactory(context(config.getTlsTrustStore(), config.getTlsTrustStorePassword()), config.isTlsHostnameValidation());
    }

    /** Default cipher suites; {@code hostnameValidation} sets HTTPS endpoint identification on every engine. */
    public static SslEngineFactory engineFactory(SSLContext context, boolean hostnameValidation) {
        return new ProgrammaticSslEngineFactory(context, null, hostnameValidation);
    }

    /** A context trusting the PKCS12 store at {@code trustStore}, or the JVM's default one when it is unset. */
    static SSLContext context(String trustStore, String password) {
        try {
            if (trustStore == null || trustStore.isBlank()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                store.load(in, password == null ? null : password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cassandra.tlsTrustStore " + trustStore + " cannot be read as a PKCS12 trust store: "
                    + e.getMessage(), e);
        }
    }
}
