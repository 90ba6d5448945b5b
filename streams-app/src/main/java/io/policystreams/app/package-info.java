/**
 * The Kafka Streams learner: {@code config} (AppConfig), {@code topic} (the topic and serde catalogue),
 * {@code topology} (the one build function), {@code processor} (one class per step), {@code learning} (the
 * update as a pure function of stored state and a batch), {@code errors} (dead-letter handlers).
 * {@link io.policystreams.app.PolicyStreamsApp} runs it.
 */
package io.policystreams.app;
