package io.policystreams.schemas.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The Avro serde chosen by configuration: {@value #SERDE_CLASS} names a Serde class with a no-argument
 * constructor, default {@link AvroSerde}. Set it to {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde}
 * (with Confluent's jars on the class path) to use Confluent's serde without code changes.
 */
public final class AvroSerdes {

    public static final String SERDE_CLASS = "avro.serde.class";
    public static final String DEFAULT_SERDE_CLASS = AvroSerde.class.getName();

    private AvroSerdes() {
    }

    /** A configured serde for values ({@code isKey} false) or keys of type {@code type}. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> Serde<T> forType(Class<T> type, Map<String, ?> configs,
                                                             boolean isKey) {
        Object configured = configs.get(SERDE_CLASS);
        String className = configured == null ? DEFAULT_SERDE_CLASS : configured.toString();
        Serde<T> serde;
        if (className.equals(DEFAULT_SERDE_CLASS)) {
            serde = new AvroSerde<>(type);
        } else {
            try {
                serde = (Serde<T>) Class.forName(className).getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                     | IllegalAccessException | InvocationTargetException | ClassCastException e) {
                throw new ConfigException(SERDE_CLASS, className,
                        "must name a Serde class with a public no-argument constructor on the class path: " + e);
            }
        }
        serde.configure(configs, isKey);
        return serde;
    }
}
