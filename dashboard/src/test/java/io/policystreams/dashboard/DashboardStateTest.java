package io.policystreams.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policystreams.client.DeadLetterHeaders;
import io.policystreams.schemas.TrainingReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

    private final DashboardState state = new DashboardState();

    @Test
    void eachUpdateIsAPointOfItsModelsCurveAndAFailureIsCountedNotDrawn() throws Exception {
        state.report(report("a", 1, 10.0, null));
        state.report(report("b", 1, 3.0, null));
        state.report(report("a", 2, 20.0, null));
        state.report(report("a", 2, 0.0, "the update failed"));

        DashboardState.Snapshot snapshot = state.snapshot(5_000L);
        DashboardState.Model a = snapshot.models().get(0);
        assertEquals("a", a.modelId());
        assertEquals(2L, a.version());
        assertEquals(1, a.failedUpdates());
        assertEquals(2, a.points().size());
        assertEquals(20.0, a.points().get(1).meanReturn());
        assertEquals(3_000L, a.lastUpdate(), "the failed update's time");

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(snapshot));
        assertEquals(5_000L, json.get("now").asLong());
        assertEquals("b", json.get("models").get(1).get("modelId").asText());
        assertEquals(10.0, json.get("models").get(0).get("points").get(0).get("meanReturn").asDouble());
        assertTrue(json.get("models").get(0).get("points").get(0).has("effectiveSampleSize"));
    }

    @Test
    void aLongCurveIsThinnedToBoundedSizeKeepingItsEnds() {
        for (int version = 1; version <= 3 * DashboardState.MAX_POINTS; version++) {
            state.report(report("a", version, version, null));
        }
        var points = state.snapshot(0L).models().get(0).points();
        assertTrue(points.size() < DashboardState.MAX_POINTS, "at most " + DashboardState.MAX_POINTS);
        assertEquals(1L, points.get(0).version());
        assertEquals(3L * DashboardState.MAX_POINTS, points.get(points.size() - 1).version());
    }

    @Test
    void deadLettersAreCountedByReasonClassWithTheLatestFirst() {
        state.deadLetter(deadLetter("org.apache.kafka.common.errors.SerializationException", "bad bytes", 1L));
        for (int i = 0; i < 12; i++) {
            state.deadLetter(deadLetter("episode-expired", "idle " + i, 2L + i));
        }

        DashboardState.DeadLetters letters = state.snapshot(0L).deadLetters();
        assertEquals(13L, letters.total());
        assertEquals(Map.of("SerializationException", 1L, "episode-expired", 12L), letters.byReason());
        assertEquals(DashboardState.LATEST_DEAD_LETTERS, letters.latest().size());
        assertEquals("idle 11", letters.latest().get(0).message());
        assertEquals("steps-0@13", letters.latest().get(0).source());
    }

    private static TrainingReport report(String model, long version, double meanReturn, String failure) {
        return TrainingReport.newBuilder().setModelId(model).setVersion(version).setEpisodes(1).setSteps(10)
                .setMeanReturn(meanReturn).setMaxReturn(meanReturn).setPolicyLoss(0.1).setValueLoss(0.2)
                .setEntropy(0.6).setApproxKl(0.01).setGradientNorm(1.0).setMeanImportanceRatio(1.0)
                .setMeanStaleness(0.0).setMaxStaleness(0L).setEffectiveSampleSize(10.0).setFailure(failure)
                .setCreatedAt(Instant.ofEpochMilli(1_000L * (version + (failure == null ? 0 : 1)))).build();
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(String exception, String message, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.EXCEPTION, exception.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.TOPIC, "steps".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("dead-letters", 0, offset, offset, TimestampType.CREATE_TIME, 0, 0, null,
                new byte[0], headers, Optional.empty());
    }
}
