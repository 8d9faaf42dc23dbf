package org.k2store.reliability.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An upload that trickles its body a byte every {@code intervalMillis}, the way a slow-loris client
 * holds a request open, until it has sent {@code maxBytes} or the service answers or closes. Its
 * outcome: the status the service answered (-1 for none), the bytes sent, and how long it lasted.
 */
final class SlowUpload {

    record Outcome(int status, int bytesSent, double seconds) {
    }

    static CompletableFuture<Outcome> start(URI api, String target, String token, int declaredLength, int maxBytes, long intervalMillis) {
        return CompletableFuture.supplyAsync(() -> run(api, target, token, declaredLength, maxBytes, intervalMillis),
                runnable -> new Thread(runnable, "slow-upload").start());
    }

    private static Outcome run(URI api, String target, String token, int declaredLength, int maxBytes, long intervalMillis) {
        long started = System.nanoTime();
        int sent = 0;
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(90_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + declaredLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (sent < maxBytes && in.available() == 0) {
                try {
                    out.write(sent == 0 ? '{' : ' ');
                    out.flush();
                    sent++;
                } catch (IOException closed) {
                    break; // the service closed the connection
                }
                Thread.sleep(intervalMillis);
            }
            return new Outcome(statusOf(in), sent, (System.nanoTime() - started) / 1e9);
        } catch (IOException | InterruptedException e) {
            return new Outcome(-1, sent, (System.nanoTime() - started) / 1e9);
        }
    }

    private static int statusOf(InputStream in) {
        try {
            byte[] head = in.readNBytes(12);
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
