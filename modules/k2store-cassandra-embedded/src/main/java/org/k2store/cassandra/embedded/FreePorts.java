package org.k2store.cassandra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Replaces 0-ports with ports the OS says are free. All sockets are held open until every port is
 * chosen so the three ports differ; another process may still grab one before Cassandra binds it
 * (the start then fails fast with Cassandra's bind error in the message).
 */
final class FreePorts {
  private FreePorts() {}

  static NodeSettings resolve(NodeSettings settings) {
    try {
      InetAddress listen = InetAddress.getByName(settings.listenAddress());
      InetAddress loopback = InetAddress.getLoopbackAddress(); // Cassandra's local JMX binds here
      try (ServerSocket nativeSocket = open(settings.nativePort(), listen);
           ServerSocket storageSocket = open(settings.storagePort(), listen);
           ServerSocket jmxSocket = open(settings.jmxPort(), loopback)) {
        return settings.withPorts(
            port(settings.nativePort(), nativeSocket),
            port(settings.storagePort(), storageSocket),
            port(settings.jmxPort(), jmxSocket));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pick free ports on " + settings.listenAddress(), e);
    }
  }

  private static ServerSocket open(int configured, InetAddress address) throws IOException {
    return configured == 0 ? new ServerSocket(0, 1, address) : null;
  }

  private static int port(int configured, ServerSocket socket) {
    return configured == 0 ? socket.getLocalPort() : configured;
  }
}
