package org.k2store.server.wire;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.Locale;

/**
 * Drops the request log's appenders whose threshold is OFF, so that a log switched off
 * ({@code K2STORE_REQUEST_LOG_THRESHOLD=OFF}) is not installed at all. Dropwizard applies the
 * threshold inside the appender: with it OFF, every request still built an access event and passed
 * it through the async queue to be discarded there, about 7% of the service's CPU on one-op writes.
 */
public final class SilentRequestLog {

    private SilentRequestLog() {
    }

    /** Removes the OFF appenders from {@code server}'s request log; with none left, Jetty gets no request log. */
    public static void prune(ServerFactory server) {
        if (server instanceof AbstractServerFactory factory && factory.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory log) {
            log.setAppenders(log.getAppenders().stream().filter(appender -> !isOff(appender)).toList());
        }
    }

    private static boolean isOff(AppenderFactory<?> appender) {
        return appender instanceof AbstractAppenderFactory<?> levelled && levelled.getThreshold() != null
                && levelled.getThreshold().trim().toUpperCase(Locale.ROOT).equals("OFF");
    }

    /** Whether {@code server} will install a request log: what SilentRequestLogTest checks before and after pruning. */
    public static boolean installs(ServerFactory server) {
        return server instanceof AbstractServerFactory factory && factory.getRequestLogFactory().isEnabled();
    }
}
