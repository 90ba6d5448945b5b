package io.policystreams.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.learning.TestModels;
import io.policystreams.schemas.PolicySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a learner takes to process again after a stop, against the size of its stores, and what a standby
 * replica saves. For each size, a learner buffers that many steps of unfinished episodes (the assembler's three
 * stores) on the chaos suite's cluster, then: a SIGTERM and restart (the local state is kept), a kill -9 and restart
 * (exactly-once wipes the stores: a full restore), a SIGTERM with a standby instance taking over
 * ({@code num.standby.replicas=1}), and a SIGTERM with a new instance without local state taking over. Each time
 * is measured from the stop to the first new policy version of a probe episode sent at the stop. Prints a table.
 * A harness, not part of the suite:
 *
 * <pre>mvn -B -pl streams-app surefire:test -Dtest=RecoveryTimeBenchmark [-Drecovery.sizes=25000,250000,1000000]</pre>
 */
class RecoveryTimeBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryTimeBenchmark.class);
    private static final int STEPS_PER_EPISODE = 50;
    private static final int BURST_STEPS = 5_000;
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final Pattern RESTORED = Pattern.compile("restored store .*: (\\d+) records in (\\d+) ms");

    private final List<String> rows = new ArrayList<>();
    private ChaosCluster cluster;
    private Admin admin;

    @Test
    void restartAndTakeoverTimesAgainstStoreSize() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("recovery.sizes", "25000,250000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        cluster = new ChaosCluster();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.kafka.bootstrapServers()));
        try {
            for (long size : sizes) {
                measure("recovery-" + size, size);
            }
        } finally {
            LOG.info("recovery times (a learner process on the embedded broker; each from the stop to the first new "
                    + "version):\n| buffered steps | changelog records | changelog MB | what happened | records "
                    + "restored | longest store restore (they run together) | stop to RUNNING | stop to processing |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- |\n{}",
                    String.join("\n", rows));
            admin.close();
            cluster.close();
        }
    }

    private void measure(String run, long size) throws Exception {
        Map<String, String> settings = Map.of("num.standby.replicas", "1",
                "episode.idle.timeout.ms", Long.toString(Duration.ofHours(1).toMillis()));
        cluster.declare(run, List.of(TestModels.bandit(1).build()));
        LearnerProcess a = cluster.startLearner(run, "a", settings);
        LearnerProcess b = null;
        LearnerProcess c = null;
        try {
            awaitVersion(run, 0);
            fill(run, "unfinished-", size);
            awaitConsumed(run);
            String stores = String.format("%,d | %.1f", changelogRecords(run), changelogBytes(run) / 1e6);

            int outputBefore = a.output().length();
            long stopped = System.nanoTime();
            assertEquals(143, a.terminate());
            a = cluster.startLearner(run, "a", settings);
            row(size, stores, "SIGTERM, restart (local state kept)", a, outputBefore, run, stopped);

            fill(run, "burst-", BURST_STEPS);
            // A moment while the burst is processed (about 1 s of work): the kill lands inside a transaction.
            TimeUnit.MILLISECONDS.sleep(300);
            outputBefore = a.output().length();
            stopped = System.nanoTime();
            a.kill();
            a = cluster.startLearner(run, "a", settings);
            row(size, stores, "kill -9 while processing, restart", a, outputBefore, run, stopped);

            b = cluster.startLearner(run, "b", settings);
            awaitStandby(run, "b");
            outputBefore = b.output().length();
            stopped = System.nanoTime();
            a.terminate();
            row(size, stores, "SIGTERM; an instance with a standby replica takes over", b, outputBefore, run,
                    stopped);

            stopped = System.nanoTime();
            b.terminate();
            c = cluster.startLearner(run, "c", settings);
            row(size, stores, "SIGTERM; a new instance without local state takes over", c, 0, run, stopped);
        } finally {
            for (LearnerProcess learner : Arrays.asList(a, b, c)) {
                if (learner != null) {
                    learner.close();
                }
            }
        }
    }

    /** Sends {@code steps} steps of episodes that never end, {@value #STEPS_PER_EPISODE} steps each. */
    private void fill(String run, String episodePrefix, long steps) {
        for (long step = 0; step < steps; step++) {
            int t = (int) (step % STEPS_PER_EPISODE);
            cluster.send(run, TestModels.step(episodePrefix + step / STEPS_PER_EPISODE, t, STEPS_PER_EPISODE + 1)
                    .build());
        }
        cluster.flush();
    }

    /**
     * Sends a probe episode as soon as {@code learner} runs, waits for the version it makes, and adds the row: the
     * times from {@code stoppedNanos} to RUNNING and to that version, and the records restored in the learner's
     * output after {@code outputBefore}.
     */
    private void row(long size, String stores, String what, LearnerProcess learner, int outputBefore, String run,
                     long stoppedNanos) throws Exception {
        long version = latestVersion(run);
        long running = awaitNewOutput(learner, outputBefore, "-> RUNNING");
        cluster.send(run, TestModels.step("probe-" + version, 0, 1).setPolicyVersion(version).build());
        cluster.flush();
        awaitVersion(run, version + 1);
        long processing = System.nanoTime();
        long restored = 0;
        long restoreMillis = 0;
        Matcher matcher = RESTORED.matcher(learner.output().substring(outputBefore));
        while (matcher.find()) {
            restored += Long.parseLong(matcher.group(1));
            restoreMillis = Math.max(restoreMillis, Long.parseLong(matcher.group(2)));
        }
        rows.add(String.format("| %,d | %s | %s | %,d | %.1f s | %.1f s | %.1f s |", size, stores, what, restored,
                restoreMillis / 1e3, (running - stoppedNanos) / 1e9, (processing - stoppedNanos) / 1e9));
        LOG.info("{}", rows.get(rows.size() - 1));
    }

    private static long awaitNewOutput(LearnerProcess learner, int from, String text) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!learner.output().substring(from).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "no '" + text + "' in:\n" + learner.output().substring(from));
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return System.nanoTime();
    }

    private long latestVersion(String run) {
        return cluster.snapshots(run).stream().mapToLong(PolicySnapshot::getVersion).max().orElse(-1);
    }

    /** Waits, polling every 100 ms for the timing's sake, until a model of run {@code run} reached {@code version}. */
    private void awaitVersion(String run, long version) throws InterruptedException {
        cluster.awaitVersion(run, version, 1, DEADLINE, Duration.ofMillis(100));
    }

    /** Waits until the learner's group has committed the steps topic's end. */
    private void awaitConsumed(String run) throws Exception {
        TopicPartition steps = new TopicPartition(run + "-steps", 0);
        long end = admin.listOffsets(Map.of(steps, OffsetSpec.latest())).partitionResult(steps).get().offset();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            var committed = admin.listConsumerGroupOffsets(run).partitionsToOffsetAndMetadata().get().get(steps);
            if (committed != null && committed.offset() >= end) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, run + " did not consume its steps");
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /**
     * Waits until instance {@code instance}'s copy of the assembler's stores stops growing for 5 s: its standby has
     * caught up with the changelogs.
     */
    private void awaitStandby(String run, String instance) throws Exception {
        Path state = cluster.directory.resolve(run + "-" + instance);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long last = -1;
        int stable = 0;
        while (stable < 10) {
            long now = directorySize(state);
            stable = now > 0 && now == last ? stable + 1 : 0;
            last = now;
            assertTrue(System.nanoTime() < deadline, "the standby of " + instance + " did not settle");
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static long directorySize(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** Records in the run's changelogs (their end offsets, transaction markers included). */
    private long changelogRecords(String run) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (String topic : admin.listTopics().names().get()) {
            if (topic.startsWith(run + "-") && topic.endsWith("-changelog")) {
                ends.put(new TopicPartition(topic, 0), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(offset -> offset.offset()).sum();
    }

    private long changelogBytes(String run) throws ExecutionException, InterruptedException {
        long bytes = 0;
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
        for (Map<String, LogDirDescription> broker : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription directory : broker.values()) {
                for (var replica : directory.replicaInfos().entrySet()) {
                    String topic = replica.getKey().topic();
                    if (topic.startsWith(run + "-") && topic.endsWith("-changelog")) {
                        bytes += replica.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }
}
