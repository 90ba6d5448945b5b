package io.policystreams.app.processor;

import io.policystreams.learning.Ids;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The assembler's key of a step, written for every step received (and read back for the duplicate check): the
 * {@code String.format("%010d")} it used against {@link StoreKeys}, the same text. In the assembler's package to
 * reach its package-private key function.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StoreKeyBenchmark {

    /** A step index: early, late in a CartPole episode, and in a long episode. */
    @Param({"7", "499", "123456"})
    public int index;

    private final String episodeId = "sim-3f2a9c1e-0b7d-4c55-9d1e-5a8f2c7e4b10-1234";

    @Benchmark
    public String withStringFormat() {
        return Ids.keyPrefix(episodeId) + String.format("%010d", index);
    }

    @Benchmark
    public String withStoreKeys() {
        return EpisodeAssembler.stepKey(episodeId, index);
    }
}
