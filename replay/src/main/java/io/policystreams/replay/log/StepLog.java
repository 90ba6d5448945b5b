package io.policystreams.replay.log;

/** Recorded steps read in a fixed order: the same log read twice gives the same records in the same order. */
public interface StepLog extends AutoCloseable {

    /** The next record, or null at the end of the log. */
    LoggedStep next();

    /** How much of the log has been read, in [0, 1]. */
    double progress();

    /** Where the records come from, for file metadata and summaries. */
    String description();

    @Override
    void close();
}
