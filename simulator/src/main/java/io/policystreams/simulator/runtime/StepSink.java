package io.policystreams.simulator.runtime;

import io.policystreams.schemas.Step;

/** Where a simulator publishes its steps. */
public interface StepSink {

    void publish(Step step);

    /** Blocks until every published step is delivered. */
    void flush();
}
