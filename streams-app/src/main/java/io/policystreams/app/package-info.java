/**
 * The Kafka Streams learner: validate steps, assemble episodes, compute returns and advantages, update the
 * policy per model id, publish versioned snapshots. Built on the {@code policy} library and the Avro schemas.
 */
package io.policystreams.app;
