package org.k2store.server.limits;

import com.codahale.metrics.Meter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * Caps the API connections one client address holds at once. A connection that sends nothing, or
 * trickles its headers a byte at a time, costs no thread, only a file descriptor and its buffers, so
 * no request limit sees it: one address could otherwise take every connection the service may
 * hold. A connection past the cap is closed as it opens, before anything of it is read. Addresses
 * are remembered only while they hold a connection, so this is bounded by the service-wide
 * connection limit. Each connection's address is kept from its opening: a closed socket no longer
 * tells its peer, and the count would never come down.
 */
public final class ClientConnections implements Connection.Listener {

    private final int perAddress;
    private final Meter refused;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, InetAddress> peers = new ConcurrentHashMap<>();

    public ClientConnections(int perAddress, Meter refused) {
        this.perAddress = perAddress;
        this.refused = refused;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = addressOf(connection);
        if (address == null) {
            return;
        }
        peers.put(connection, address);
        if (open.merge(address, 1, Integer::sum) > perAddress) {
            refused.mark();
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = peers.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    private static InetAddress addressOf(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
