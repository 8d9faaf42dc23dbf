package org.k2store.bench.transport;

import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** (c) Apache HttpClient 5 classic: blocking, a pool of keep-alive connections, on a bounded executor. */
final class ApacheClassicTransport implements CandidateTransport {

    private final String base;
    private final BoundedCalls calls;
    private final CloseableHttpClient http;

    ApacheClassicTransport(String base, int maxInFlight) {
        this.base = base;
        this.calls = new BoundedCalls("apache-classic", maxInFlight);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(maxInFlight)
                .setMaxConnPerRoute(maxInFlight).build();
        this.http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
    }

    @Override
    public String name() {
        return "apache5-classic";
    }

    @Override
    public CompletableFuture<byte[]> call(Request request) {
        return calls.submit(() -> {
            HttpUriRequestBase message;
            if (request.body() == null) {
                message = new HttpGet(base + request.path());
            } else {
                message = new HttpPost(base + request.path());
                message.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
            }
            message.addHeader("Accept", "application/json");
            return http.execute(message, response -> JdkAsyncTransport.ok(response.getCode(), EntityUtils.toByteArray(response.getEntity())));
        });
    }

    @Override
    public void close() throws java.io.IOException {
        calls.close();
        http.close();
    }
}
