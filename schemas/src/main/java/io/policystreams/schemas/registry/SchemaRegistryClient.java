package io.policystreams.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of Confluent's Schema Registry API a serde needs. Implementations cache in both directions and are
 * thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (a no-op if it is there already) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject, without registering it. */
    int idOf(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** Whether the schema may be registered under the subject, by the subject's compatibility rule. */
    boolean isCompatible(String subject, Schema schema);

    @Override
    default void close() {
    }
}
