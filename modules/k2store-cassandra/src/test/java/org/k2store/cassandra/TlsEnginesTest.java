package org.k2store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS engines the driver gets check node host names unless configuration says otherwise. */
class TlsEnginesTest {

    private static SSLEngine engineFor(SslEngineFactory factory) {
        return factory.newSslEngine(new DefaultEndPoint(new InetSocketAddress("127.0.0.1", 9042)));
    }

    private static SSLContext selfMadeContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context;
    }

    @Test
    void hostnameValidationIsOnByDefault() {
        CassandraStoreConfig config = new CassandraStoreConfig().setTls(true);
        assertThat(config.isTlsHostnameValidation()).isTrue();
        SSLEngine engine = engineFor(TlsEngines.forConfig(config));
        assertThat(engine.getUseClientMode()).isTrue();
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void aSelfMadeContextGetsHostnameValidationWhenAskedAndNoneWhenTurnedOff() throws Exception {
        assertThat(engineFor(TlsEngines.engineFactory(selfMadeContext(), true)).getSSLParameters().getEndpointIdentificationAlgorithm())
                .isEqualTo("HTTPS");
        assertThat(engineFor(TlsEngines.engineFactory(selfMadeContext(), false)).getSSLParameters().getEndpointIdentificationAlgorithm())
                .isNull();
    }

    @Test
    void aConfiguredTrustStoreIsLoadedAndABadOneNamesTheOption(@TempDir Path directory) throws Exception {
        Path store = directory.resolve("truststore.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test-ca", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "test-pass"))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        CassandraStoreConfig config = new CassandraStoreConfig().setTls(true).setTlsTrustStore(store.toString())
                .setTlsTrustStorePassword("test-pass");
        assertThat(engineFor(TlsEngines.forConfig(config)).getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");

        config.setTlsTrustStorePassword("wrong");
        assertThatThrownBy(() -> TlsEngines.forConfig(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cassandra.tlsTrustStore").hasMessageContaining(store.toString());
    }
}
