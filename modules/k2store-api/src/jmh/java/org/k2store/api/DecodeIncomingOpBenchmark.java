package org.k2store.api;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.k2store.api.codec.Envelope;
import org.k2store.api.codec.MemoryOps;
import org.k2store.api.codec.OpCodec;
import org.k2store.bench.data.HotPathData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why: process_incoming_ops decodes every op before anything is written (SpaceSettings.decode: the
 * codec, then the id's location check): Holochain's envelope (JSON, base64url op_data, 36-byte id) and
 * kitsune2's MemoryOp (JSON array of byte numbers), at 512 B and 64 KiB of random op data.
 *
 * Lives in k2store-api's src/jmh/java, beside SpaceSettings and the codecs it measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeIncomingOpBenchmark {

    @Param({"envelope", "kitsune2-memory"})
    public String codec;
    @Param({"512", "65536"})
    public int size;

    public SpaceSettings settings;
    public byte[] raw;
    public byte[] opData;
    public OpId opId;
    public long createdAt;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(HotPathData.SEED + size);
        opData = new byte[size];
        random.nextBytes(opData);
        createdAt = HotPathData.anchorMicros() - random.nextLong(HotPathData.YEAR);
        int location = random.nextInt();
        if (OpCodec.fromWireName(codec) == OpCodec.ENVELOPE) {
            byte[] id = new byte[LocationScheme.SUFFIX_ID_LENGTH];
            random.nextBytes(id);
            for (int i = 0; i < 4; i++) {
                id[32 + i] = (byte) (location >>> (8 * i));
            }
            opId = OpId.of(id);
            settings = new SpaceSettings(OpCodec.ENVELOPE, LocationScheme.SUFFIX_LE32);
            raw = Envelope.encode(opId, createdAt, opData);
        } else {
            // kitsune2's test host: the id is the first 32 bytes of op_data.
            opId = OpId.of(java.util.Arrays.copyOf(opData, 32));
            settings = SpaceSettings.KITSUNE2_MEMORY;
            raw = MemoryOps.encode(createdAt, opData);
        }
    }

    @Benchmark
    public DecodedOp decode() {
        return settings.decode(raw, "ops[0]");
    }
}
