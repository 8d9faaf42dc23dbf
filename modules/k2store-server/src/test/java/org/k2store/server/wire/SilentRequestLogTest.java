package org.k2store.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.spi.IAccessEvent;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.FileAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request log switched off is not installed; one still on keeps its appenders. */
class SilentRequestLogTest {

    private static DefaultServerFactory withAppenders(List<AppenderFactory<IAccessEvent>> appenders) {
        LogbackAccessRequestLogFactory log = new LogbackAccessRequestLogFactory();
        log.setAppenders(appenders);
        DefaultServerFactory server = new DefaultServerFactory();
        server.setRequestLogFactory(log);
        return server;
    }

    private static <E extends ch.qos.logback.core.spi.DeferredProcessingAware> ConsoleAppenderFactory<E> console(String threshold) {
        ConsoleAppenderFactory<E> console = new ConsoleAppenderFactory<>();
        console.setThreshold(threshold);
        return console;
    }

    @Test
    void aLogSwitchedOffIsNotInstalled() {
        for (String off : new String[] {"OFF", "off", " Off "}) {
            DefaultServerFactory server = withAppenders(List.of(console(off)));
            assertThat(SilentRequestLog.installs(server)).as("before, " + off).isTrue();
            SilentRequestLog.prune(server);
            assertThat(SilentRequestLog.installs(server)).as(off).isFalse();
        }
    }

    @Test
    void appendersThatLogStay() {
        FileAppenderFactory<IAccessEvent> file = new FileAppenderFactory<>();
        file.setThreshold("ALL");
        ConsoleAppenderFactory<IAccessEvent> info = console("INFO");
        DefaultServerFactory server = withAppenders(List.of(console("OFF"), info, file));
        SilentRequestLog.prune(server);
        assertThat(SilentRequestLog.installs(server)).isTrue();
        assertThat(((LogbackAccessRequestLogFactory) server.getRequestLogFactory()).getAppenders()).containsExactly(info, file);
    }

    @Test
    void theDefaultLogIsKept() {
        DefaultServerFactory server = new DefaultServerFactory();
        boolean before = SilentRequestLog.installs(server);
        SilentRequestLog.prune(server);
        assertThat(SilentRequestLog.installs(server)).isEqualTo(before).isTrue();
    }
}
