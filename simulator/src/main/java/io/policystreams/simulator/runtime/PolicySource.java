package io.policystreams.simulator.runtime;

import io.policystreams.schemas.PolicySnapshot;
import java.time.Duration;

/** Where a simulator finds the latest policy of its model. */
public interface PolicySource {

    /** The newest snapshot seen so far, without blocking; null if none. */
    PolicySnapshot latest();

    /** Blocks until a snapshot with a version above {@code version} (−1 for any) arrives; null on timeout. */
    PolicySnapshot awaitNewerThan(long version, Duration timeout);
}
