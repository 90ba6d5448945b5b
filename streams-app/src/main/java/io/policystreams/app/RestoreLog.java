package io.policystreams.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each store restoration from its changelog, where it starts and what it took, so that an operator sees
 * why a learner that is RUNNING does not process yet (after an unclean stop, exactly-once restores every store).
 */
final class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        startedNanos.put(changelog.toString(), System.nanoTime());
        LOG.info("restoring store {} from {}: offsets {} to {}", store, changelog, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long restored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        Long started = startedNanos.remove(changelog.toString());
        LOG.info("restored store {} from {}: {} records in {} ms", store, changelog, totalRestored,
                started == null ? "?" : (System.nanoTime() - started) / 1_000_000);
    }
}
