package org.k2store.client;

import java.net.URI;

/** Where a plain-HTTP base URI points: the socket's host and port, the Host header, and the path prefix of every call. */
record ServiceAddress(String host, int port, String hostHeader, String pathPrefix) {

    static ServiceAddress of(String base) {
        URI uri = URI.create(base);
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("base URI without a host: " + base);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String prefix = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new ServiceAddress(bare, port, uri.getPort() < 0 ? host : host + ":" + port, prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1)
                : prefix);
    }
}
