package org.k2store.server.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.k2store.server.errors.ApiErrors;

/**
 * The service-wide bound on request body bytes held at once ({@code limits.maxBytesInFlight}). The
 * in-flight caps bound how many requests run, not how much each holds: 64 bodies of 14 MiB, each
 * within every per-request limit, made a -Xmx512m service answer 500s and 503s with
 * OutOfMemoryError (the decoded ops of a call are held until Cassandra has them). Each request is
 * charged its body ({@link RequestBytes}) before anything reads it; one that does not fit waits, in
 * arrival order (a large body is not starved by small ones), and after {@code wait} is answered 503
 * with Retry-After. The charge is held until the answer's last byte, like the in-flight permits.
 * Counted in KiB, so the budget fits a semaphore.
 */
public final class BytesInFlightFilter implements Filter {

    private final Semaphore kib;
    private final int budgetKib;
    private final RequestBytes charges;
    private final Duration wait;
    private final int retryAfterSeconds;
    private final ObjectMapper json;

    public BytesInFlightFilter(long budgetBytes, RequestBytes charges, Duration wait, int retryAfterSeconds, ObjectMapper json) {
        this.budgetKib = (int) Math.min(Integer.MAX_VALUE, kibOf(budgetBytes));
        this.kib = new Semaphore(budgetKib, true);
        this.charges = charges;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long bytes = charges.of(http.getHeader("Content-Length"), http.getHeader("Transfer-Encoding"));
        int charge = (int) Math.min(budgetKib, kibOf(bytes));
        if (charge == 0) {
            chain.doFilter(request, response);
            return;
        }
        if (!acquire(charge)) {
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
            ApiErrors.write(http, answer, json, 503, ApiErrors.OVERLOADED, "overloaded: requests in progress hold the service's "
                    + (budgetKib / 1024) + " MiB of request bytes and this one (" + charge + " KiB) did not fit within " + wait.toMillis()
                    + " ms; retry after " + retryAfterSeconds + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            kib.release(charge);
        }
    }

    private boolean acquire(int charge) {
        try {
            return kib.tryAcquire(charge, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long kibOf(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
