package org.k2store.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.k2store.api.OpId;

/** The lean client reads every answer shape the README's curl examples show, into the API's types. */
class LeanAnswersTest {

    private static LeanAnswers.Fields read(String json) throws IOException {
        return LeanAnswers.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsIdsBytesAndTheNextStart() throws IOException {
        LeanAnswers.Fields page = read("{\"op_ids\":[\"AQID\",\"-_8\"],\"total_bytes\":11,\"next_start\":1795613582663334}");
        assertThat(page.opIds).containsExactly(OpId.of(new byte[] {1, 2, 3}), OpId.of(new byte[] {(byte) 0xFB, (byte) 0xFF}));
        assertThat(page.totalBytes).isEqualTo(11);
        assertThat(page.nextStart).isEqualTo(1795613582663334L);
    }

    @Test
    void readsOpsSliceHashesCountsAndNulls() throws IOException {
        LeanAnswers.Fields ops = read("{\"ops\":[{\"op_id\":\"AQIDBA\",\"op_data\":\"aGVsbG8\",\"extra\":{\"x\":[1]}}]}");
        assertThat(ops.ops).hasSize(1);
        assertThat(ops.ops.get(0).opId()).isEqualTo(OpId.of(new byte[] {1, 2, 3, 4}));
        assertThat(new String(ops.ops.get(0).opData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        LeanAnswers.Fields hashes = read("{\"slice_hashes\":[{\"index\":3870,\"hash\":\"AwAAAC4MAAA\"}]}");
        assertThat(hashes.sliceHashes).hasSize(1);
        assertThat(hashes.sliceHashes.get(0).index()).isEqualTo(3870);
        assertThat(read("{\"count\":3871}").number).isEqualTo(3871L);
        assertThat(read("{\"timestamp\":null}").number).isNull();
        assertThat(read("{\"hash\":\"AwAAAC4MAAA\"}").hash).isEqualTo("AwAAAC4MAAA");
    }

    @Test
    void anAnswerThatIsNotAnObjectFails() {
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(IOException.class).hasMessageContaining("START_OBJECT");
    }
}
