package io.policystreams.replay.log;

import io.policystreams.schemas.Step;

/**
 * One record of a step log, as read: the step, or why it could not be decoded.
 *
 * @param key       the record key (the episode id when well formed); for a file, the step's episode id
 * @param step      the decoded step, or null when {@code rejection} says why not
 * @param rejection why the record is not a step, or null
 * @param timestamp the record timestamp (a file gives the step's event time), ms since the epoch
 * @param position  where it was read, for messages: {@code topic-partition@offset} or {@code file#index}
 */
public record LoggedStep(String key, Step step, String rejection, long timestamp, String position) {

    public static LoggedStep decoded(String key, Step step, long timestamp, String position) {
        return new LoggedStep(key, step, null, timestamp, position);
    }

    public static LoggedStep undecodable(String key, String rejection, long timestamp, String position) {
        return new LoggedStep(key, null, rejection, timestamp, position);
    }

    public boolean isDecoded() {
        return step != null;
    }
}
