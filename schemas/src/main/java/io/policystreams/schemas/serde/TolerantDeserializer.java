package io.policystreams.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For readers that keep the latest record per key (the policies topic, read as a table): a record the delegate
 * cannot read ({@link MalformedRecordException}) is logged with its reason and read as null, which such readers
 * skip, so the last good value stays. An unreachable registry ({@link RegistryUnavailableException}) is no fault
 * of the record and still throws: skipping a good record would lose it.
 */
public final class TolerantDeserializer<T> implements Deserializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(TolerantDeserializer.class);

    private final Deserializer<T> delegate;

    public TolerantDeserializer(Deserializer<T> delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("a delegate deserializer is required");
        }
        this.delegate = delegate;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return delegate.deserialize(topic, data);
        } catch (MalformedRecordException e) {
            return skipped(topic, e);
        }
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        try {
            return delegate.deserialize(topic, headers, data);
        } catch (MalformedRecordException e) {
            return skipped(topic, e);
        }
    }

    private T skipped(String topic, MalformedRecordException e) {
        LOG.warn("skipping an unreadable record on {}; the last good value stays: {}", topic, e.getMessage());
        return null;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
