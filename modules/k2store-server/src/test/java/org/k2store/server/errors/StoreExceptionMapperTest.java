package org.k2store.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.k2store.api.InvalidInputException;
import org.k2store.api.K2StoreException;
import org.k2store.api.StoreUnavailableException;

/** Store failures reach tenants as a plain 503 with Retry-After; what the driver said stays in the log. */
class StoreExceptionMapperTest {

    private final StoreExceptionMapper mapper = new StoreExceptionMapper(3);

    @Test
    void unavailableStoresAnswerWithoutTheDriversWords() {
        Response response = mapper.toResponse(new StoreUnavailableException(
                "retrieve_ops: Cassandra did not answer (All 1 node(s) tried for the query failed: Node(endPoint=/10.1.2.3:9042))", null));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("3");
        ApiError error = (ApiError) response.getEntity();
        assertThat(error.message()).doesNotContain("10.1.2.3").doesNotContain("node").contains("retry later");
    }

    @Test
    void otherStoreFailuresToo() {
        Response response = mapper.toResponse(new K2StoreException("retrieve_ops: Cassandra failed (Key length of 70016 is longer than maximum of 65535)", null));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ApiError) response.getEntity()).message()).doesNotContain("65535").doesNotContain("Cassandra");
    }

    @Test
    void inputErrorsKeepTheirMessage() {
        Response response = mapper.toResponse(new InvalidInputException("op_ids[1]: op id is 2000 bytes, above this store's limit of 1024"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((ApiError) response.getEntity()).message()).contains("op_ids[1]");
    }
}
