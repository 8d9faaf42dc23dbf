package org.k2store.reliability.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.k2store.cassandra.embedded.LocalCluster;

/**
 * The local production-like stack: 3 Apache Cassandra nodes on 127.0.0.1, 127.0.0.2 and
 * 127.0.0.3 and 2 k2store instances against them (replication factor 3, LOCAL_QUORUM), until
 * Ctrl-C. Run it with deploy/local/local-stack.sh; data is kept under the given directory.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalCluster cluster;
    private final List<ServiceProcess> services;

    private LocalStack(LocalCluster cluster, List<ServiceProcess> services) {
        this.cluster = cluster;
        this.services = services;
    }

    /** Starts the cluster, then the first instance (which applies the schema), then the second. */
    public static LocalStack start(Path directory, String heap, boolean wipe, Duration settleWindow) {
        LocalCluster cluster = new LocalCluster(directory.resolve("cassandra"), 3, heap, wipe).start();
        try {
            ServiceProcess first = ServiceProcess.start("k2store-1",
                    ServiceConfig.onFreePorts(cluster.contactPoints(), cluster.localDatacenter(), "k2store", 3, true, settleWindow),
                    directory.resolve("services"));
            ServiceProcess second = ServiceProcess.start("k2store-2",
                    ServiceConfig.onFreePorts(cluster.contactPoints(), cluster.localDatacenter(), "k2store", 3, false, settleWindow),
                    directory.resolve("services"));
            return new LocalStack(cluster, List.of(first, second));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        cluster.close();
    }

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of("target/local-stack");
        boolean wipe = false;
        for (String arg : args) {
            if (arg.equals("--wipe")) {
                wipe = true;
            } else {
                directory = Path.of(arg);
            }
        }
        LocalStack stack = start(directory, "768m", wipe, Duration.ofSeconds(10));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        System.out.println("Cassandra (RF 3, LOCAL_QUORUM): " + stack.cluster().contactPoints());
        for (ServiceProcess service : stack.services()) {
            System.out.println(service.name() + ": API " + service.api() + "  admin " + service.admin() + "  log " + service.log());
        }
        System.out.println("Ctrl-C stops everything; data stays in " + directory.toAbsolutePath());
        stopped.await();
    }
}
