package io.policystreams.app.topic;

import io.policystreams.schemas.serde.TolerantDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic with the serdes of its keys and values. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
    }

    /** How a source node named {@code processorName} reads this topic. */
    public Consumed<K, V> consumed(String processorName) {
        return Consumed.with(keySerde, valueSerde).withName(processorName);
    }

    /**
     * How a source node named {@code processorName} reads this topic as a table of the latest value per key: a
     * value that cannot be read is logged and read as null ({@link TolerantDeserializer}), for the processor to skip.
     */
    public Consumed<K, V> consumedSkippingUnreadable(String processorName) {
        Serde<V> tolerant = Serdes.serdeFrom(valueSerde.serializer(),
                new TolerantDeserializer<>(valueSerde.deserializer()));
        return Consumed.with(keySerde, tolerant).withName(processorName);
    }

    /** How a sink node named {@code processorName} writes this topic. */
    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }
}
