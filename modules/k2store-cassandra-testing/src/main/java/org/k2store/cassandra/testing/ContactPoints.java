package org.k2store.cassandra.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses "host:port,host:port" (port defaults to 9042; IPv6 as [addr]:port). */
final class ContactPoints {
  static final int DEFAULT_PORT = 9042;

  private ContactPoints() {}

  static List<InetSocketAddress> parse(String text) {
    List<InetSocketAddress> result = new ArrayList<>();
    for (String part : text.split(",")) {
      String entry = part.trim();
      if (!entry.isEmpty()) {
        result.add(parseOne(entry));
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("no contact points in '" + text + "'");
    }
    return result;
  }

  private static InetSocketAddress parseOne(String entry) {
    String host = entry;
    int port = DEFAULT_PORT;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad contact point '" + entry + "'");
      }
      host = entry.substring(1, close);
      if (entry.length() > close + 1) {
        port = port(entry.substring(close + 1), entry);
      }
    } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
      host = entry.substring(0, entry.indexOf(':'));
      port = port(entry.substring(entry.indexOf(':')), entry);
    }
    return new InetSocketAddress(host, port);
  }

  private static int port(String colonAndPort, String entry) {
    if (!colonAndPort.startsWith(":")) {
      throw new IllegalArgumentException("bad contact point '" + entry + "'");
    }
    try {
      return Integer.parseInt(colonAndPort.substring(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in contact point '" + entry + "'", e);
    }
  }
}
