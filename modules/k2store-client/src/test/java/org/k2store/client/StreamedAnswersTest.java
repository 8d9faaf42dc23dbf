package org.k2store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.k2store.api.K2StoreException;

/**
 * A streamed answer (time slice, retrieve_ops) cut short must fail the call, never read as a
 * shorter complete answer (issue 14.2): the object must be whole, with its fields, and nothing after.
 */
class StreamedAnswersTest {

    private static final String ID = "A".repeat(43);

    /** The answer as the client reads it: a stream, as it arrives. */
    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWholeTimeSliceIsRead() throws Exception {
        assertThat(Answers.timeSlice("t", body("{\"op_ids\":[\"" + ID + "\"],\"total_bytes\":5}")).opIds()).hasSize(1);
    }

    @Test
    void aTimeSliceCutShortFails() {
        assertThatThrownBy(() -> Answers.timeSlice("t", body("{\"op_ids\":[\"" + ID + "\"")))
                .isInstanceOf(K2StoreException.class);
        assertThatThrownBy(() -> Answers.timeSlice("t", body("{\"op_ids\":[\"" + ID + "\"]}")))
                .isInstanceOf(K2StoreException.class).hasMessageContaining("total_bytes missing");
    }

    @Test
    void opsCutShortFail() throws Exception {
        String op = "{\"op_id\":\"" + ID + "\",\"op_data\":\"AAAA\"}";
        assertThat(Answers.ops("r", body("{\"ops\":[" + op + "]}"))).hasSize(1);
        assertThatThrownBy(() -> Answers.ops("r", body("{\"ops\":[" + op))).isInstanceOf(K2StoreException.class);
        assertThatThrownBy(() -> Answers.ops("r", body("{\"ops\":[" + op + "]"))).isInstanceOf(K2StoreException.class);
        assertThatThrownBy(() -> Answers.ops("r", body("{}"))).isInstanceOf(K2StoreException.class)
                .hasMessageContaining("ops missing");
    }

    @Test
    void somethingAfterTheAnswerFails() {
        assertThatThrownBy(() -> Answers.ops("r", body("{\"ops\":[]}{\"ops\":[]}"))).isInstanceOf(K2StoreException.class);
    }
}
