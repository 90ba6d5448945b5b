package io.policystreams.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.learning.TestModels;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.BaselineKind;
import io.policystreams.schemas.DiscreteAction;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import io.policystreams.schemas.PolicySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner as a separate OS process over a fixed step log, faulted: kill -9 at random moments, two instances
 * of one application with one killed, a schema registry outage with a restart inside it, the only broker stopped
 * and restarted, an upgrade to a new topology, and the loss of one broker of three (on a second cluster, whose
 * topics are replicated three times with a minimum ISR of two). Each faulted run
 * learns from its own copy of the log (the same steps in the same order), produced while it learns, so that faults
 * land both while steps arrive and during catch-up. Every version of three models must carry parameters and
 * counters equal bit for bit to those of an uninterrupted run, with no version missing or doubled for a
 * read_committed reader and nothing dead-lettered. Prints a table of what was done and found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSuiteTest {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosSuiteTest.class);
    private static final long SEED = 15L;
    private static final int EPISODES_PER_MODEL = 240;
    private static final int BATCH_EPISODES = 8;
    private static final long FINAL_VERSION = EPISODES_PER_MODEL / BATCH_EPISODES;
    private static final int KILLS = 10;
    private static final String REPLICATED_RUN = "replicated";
    private static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("chaos.deadline.seconds", 240));
    private static final List<ModelSpec> MODELS = List.of(
            model("reinforce", Algorithm.REINFORCE),
            model("actor-critic", Algorithm.ACTOR_CRITIC),
            model("ppo", Algorithm.PPO));

    private final Map<String, String> table = new LinkedHashMap<>();
    private final Map<String, Integer> supervisedRestarts = new HashMap<>();
    private ChaosCluster cluster;
    private ChaosCluster replicated;
    private List<PolicySnapshot> reference;

    /** The uninterrupted run, over the whole log produced before it starts. */
    @BeforeAll
    void runTheReference() throws Exception {
        cluster = new ChaosCluster();
        cluster.declare("reference", MODELS);
        try (LearnerProcess learner = cluster.startLearner("reference", "a")) {
            awaitVersion("reference", 0, MODELS.size());
            TimeUnit.SECONDS.sleep(2);
            produceTheLog("reference", 0);
            awaitFinalVersions("reference");
            reference = cluster.snapshots("reference");
            assertEquals(0, cluster.deadLetters("reference"), cluster.outputTail("reference", "a"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        LOG.info("chaos suite (seed {}, {} models x {} versions):\n| scenario | what was done | versions published "
                + "| missing | doubled | bit-identical to the uninterrupted run | dead letters | time |\n| --- | --- | "
                + "--- | --- | --- | --- | --- | --- |\n{}", SEED, MODELS.size(), FINAL_VERSION + 1,
                String.join("\n", table.values()));
        cluster.close();
        if (replicated != null) {
            replicated.close();
        }
    }

    @Test
    @Order(1)
    void tenKillsAtRandomMomentsLeaveEveryVersionBitIdentical() throws Exception {
        long started = System.nanoTime();
        LearnerProcess learner = startWithItsLog("kills", "a");
        Thread log = produceInBackground("kills");
        Random moments = new Random(SEED);
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                // The wait is the fault's random moment, not a wait for readiness.
                TimeUnit.MILLISECONDS.sleep(1_000 + moments.nextInt(3_000));
                learner.kill();
                learner = cluster.startLearner("kills", "a");
            }
            log.join();
            awaitFinalVersions("kills");
            check("kill -9 of the learner", KILLS + " kills at random moments 1-4 s apart, while the log arrived "
                    + "and during catch-up, each restarted at once", "kills", started);
        } finally {
            learner.close();
        }
    }

    @Test
    @Order(2)
    void twoInstancesOfOneApplicationSurviveTheLossOfOne() throws Exception {
        long started = System.nanoTime();
        LearnerProcess first = startWithItsLog("pair", "a");
        LearnerProcess second = cluster.startLearner("pair", "b");
        try {
            assertTrue(second.awaitOutput("REBALANCING -> RUNNING", DEADLINE), second.output());
            Thread log = produceInBackground("pair");
            awaitVersion("pair", 5, 1);
            first.kill();
            log.join();
            awaitFinalVersions("pair");
            check("two instances, one killed", "instance a killed (-9) once a model reached version 5, while the "
                    + "log arrived; b took over", "pair", started);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    @Order(3)
    void aRegistryOutageWithARestartInsideItLosesNothingGood() throws Exception {
        long started = System.nanoTime();
        LearnerProcess learner = startWithItsLog("outage", "a");
        try {
            Thread log = produceInBackground("outage");
            awaitVersion("outage", 5, 1);
            cluster.registry.stop();
            learner.kill();
            learner = cluster.startLearner("outage", "a");
            learner.awaitExit(Duration.ofSeconds(20));
            cluster.registry.restart();
            learner = supervise(learner, "outage");
            log.join();
            awaitFinalVersions("outage");
            check("schema registry outage", "registry stopped once a model reached version 5, the learner killed "
                    + "and restarted inside the 20 s outage (" + supervision("outage", "it waited") + ")", "outage",
                    started);
        } finally {
            learner.close();
        }
    }

    @Test
    @Order(4)
    void aBrokerStopAndRestartMidTrainingLosesNothing() throws Exception {
        long started = System.nanoTime();
        LearnerProcess learner = startWithItsLog("broker", "a");
        try {
            Thread log = produceInBackground("broker");
            awaitVersion("broker", 5, 1);
            cluster.kafka.stopBroker();
            // The outage lasts a fixed time: nothing is awaited.
            TimeUnit.SECONDS.sleep(10);
            cluster.kafka.startBroker();
            log.join();
            learner = supervise(learner, "broker");
            awaitFinalVersions("broker");
            check("broker stop and restart", "the broker stopped for 10 s once a model reached version 5, while the "
                    + "log arrived, then restarted (" + supervision("broker", "the learner rode it out") + ")",
                    "broker", started);
        } finally {
            learner.close();
        }
    }

    @Test
    @Order(5)
    void anUpgradeToANewTopologyMidTrainingKeepsEveryModel() throws Exception {
        long started = System.nanoTime();
        LearnerProcess learner = startWithItsLog("upgrade", "a");
        Map<String, String> upgraded = Map.of("application.id", "upgrade-2", "learner.partitions", "3");
        try {
            Thread log = produceInBackground("upgrade");
            awaitVersion("upgrade", 5, 1);
            learner.kill();
            assertEquals(0, cluster.upgrade("upgrade", upgraded), cluster.outputTail("upgrade", "upgrade"));
            String moved = cluster.outputTail("upgrade", "upgrade");
            LOG.info("the upgrade printed:\n{}", moved);
            assertTrue(moved.contains("| upgrade-learner-models-changelog → upgrade-2-learner-models-changelog | "
                    + "changelog | 1 | 3 |"), moved);
            learner = cluster.startLearner("upgrade", "b", upgraded);
            log.join();
            awaitFinalVersions("upgrade");
            check("upgrade to a new topology", "the learner killed (-9) once a model reached version 5, while the log "
                    + "arrived; `upgrade` moved its state to a new application id with learner.partitions 1 -> 3, "
                    + "and a learner of that took over", "upgrade", started);
        } finally {
            learner.close();
        }
    }

    /**
     * Three brokers, every topic with three replicas and a minimum ISR of two: the broker that leads the policies
     * topic stops while the log arrives, the learner goes on publishing versions without it, and the broker
     * returns. The learner never stops.
     */
    @Test
    @Order(6)
    void aLostBrokerOfThreeStopsNothing() throws Exception {
        long started = System.nanoTime();
        replicated = new ChaosCluster(3);
        String run = REPLICATED_RUN;
        LearnerProcess learner = startWithItsLog(run, "a");
        try {
            Thread log = produceInBackground(run);
            awaitVersion(run, 5, 1);
            int lost = replicated.leaderOf(run + "-policies");
            replicated.kafka.stopBroker(lost);
            awaitVersion(run, 15, 1);
            replicated.kafka.startBroker(lost);
            log.join();
            awaitFinalVersions(run);
            assertNull(learner.awaitExit(Duration.ZERO), "the learner kept running: " + learner.output());
            assertEquals(List.of(), replicated.replicationOtherThan(run, 3, 2),
                    "topics whose replicas/min ISR are not 3/2");
            check("a broker of three lost", "three brokers, every topic replicated 3 times with min ISR 2: broker " + lost
                    + ", the policies topic's leader, stopped once a model reached version 5, while the log arrived; "
                    + "it returned once one reached version 15; the learner ran throughout", run, started);
        } finally {
            learner.close();
        }
    }

    /** The cluster run {@code run} learns on: the three brokers' for {@value #REPLICATED_RUN}, else the single one. */
    private ChaosCluster on(String run) {
        return run.equals(REPLICATED_RUN) ? replicated : cluster;
    }

    /** What a supervisor does: a learner that exited (with status 1, never 0) is started again. */
    private LearnerProcess supervise(LearnerProcess learner, String run) throws Exception {
        Integer status = learner.awaitExit(Duration.ZERO);
        if (status == null) {
            return learner;
        }
        assertEquals(1, status, "a learner that stops on a fault exits 1: " + learner.output());
        supervisedRestarts.merge(run, 1, Integer::sum);
        return on(run).startLearner(run, "a");
    }

    private String supervision(String run, String withoutRestart) {
        return supervisedRestarts.containsKey(run) ? "it exited with status 1 and was restarted" : withoutRestart;
    }

    /** Declares the models on the run's own topics and starts its first learner, once it published version 0. */
    private LearnerProcess startWithItsLog(String run, String instance) throws Exception {
        on(run).declare(run, MODELS);
        LearnerProcess learner = on(run).startLearner(run, instance);
        try {
            awaitVersion(run, 0, MODELS.size());
        } catch (AssertionError | InterruptedException e) {
            learner.close();
            throw e;
        }
        TimeUnit.SECONDS.sleep(2);
        return learner;
    }

    private Thread produceInBackground(String run) {
        Thread producer = new Thread(() -> produceTheLog(run, 80), "chaos-log-" + run);
        producer.start();
        return producer;
    }

    /**
     * The step log: each model's episodes of 1 to 4 steps with seeded observations, actions and rewards, the
     * same for every run; {@code pauseMillis} between rounds of episodes paces it (20 s at 80 ms).
     */
    private void produceTheLog(String run, long pauseMillis) {
        Random rng = new Random(SEED);
        try {
            for (int e = 0; e < EPISODES_PER_MODEL; e++) {
                for (ModelSpec model : MODELS) {
                    int length = 1 + rng.nextInt(4);
                    String episode = model.getModelId() + "-" + e;
                    for (int t = 0; t < length; t++) {
                        int arm = rng.nextInt(2);
                        on(run).send(run, TestModels.step(episode, t, length).setModelId(model.getModelId())
                                .setObservation(List.of(rng.nextGaussian()))
                                .setAction(new DiscreteAction(arm))
                                .setReward(arm + 0.5 * rng.nextGaussian()).build());
                    }
                }
                on(run).flush();
                // Pacing, so that faults land while the log arrives.
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code models} models of run {@code run} reached {@code version}. */
    private void awaitVersion(String run, long version, int models) throws InterruptedException {
        on(run).awaitVersion(run, version, models, DEADLINE, Duration.ofMillis(500));
    }

    /** Waits until every model of run {@code run} published its final version; returns those snapshots. */
    private Map<String, PolicySnapshot> awaitFinalVersions(String run) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<String, PolicySnapshot> finals = new HashMap<>();
            for (PolicySnapshot snapshot : on(run).snapshots(run)) {
                if (snapshot.getVersion() == FINAL_VERSION) {
                    finals.put(snapshot.getModelId(), snapshot);
                }
            }
            if (finals.size() == MODELS.size()) {
                return finals;
            }
            assertTrue(System.nanoTime() < deadline, run + " did not reach version " + FINAL_VERSION + " of every "
                    + "model within " + DEADLINE + "; it has " + finals.keySet() + "; its output ends:\n"
                    + on(run).outputTail(run, "a"));
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Every version of every model once, equal to the reference's, and no dead letter; a row of the table. */
    private void check(String scenario, String done, String run, long startedNanos) {
        List<PolicySnapshot> actual = on(run).snapshots(run);
        int missing = 0;
        int doubled = 0;
        int different = 0;
        for (ModelSpec model : MODELS) {
            for (long version = 0; version <= FINAL_VERSION; version++) {
                List<PolicySnapshot> published = versions(actual, model.getModelId(), version);
                List<PolicySnapshot> wanted = versions(reference, model.getModelId(), version);
                missing += published.isEmpty() ? 1 : 0;
                doubled += Math.max(0, published.size() - 1);
                different += !published.isEmpty() && !sameLearning(published.get(0), wanted.get(0)) ? 1 : 0;
            }
        }
        int deadLetters = on(run).deadLetters(run);
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        table.put(run, "| " + scenario + " | " + done + " | " + actual.size() + " | " + missing + " | " + doubled
                + " | " + (different == 0 ? "yes, all " + actual.size() : different + " differ") + " | "
                + deadLetters + " | " + seconds + " s |");
        assertEquals(0, missing, run + ": versions missing");
        assertEquals(0, doubled, run + ": versions doubled");
        assertEquals(0, different, run + ": versions that differ from the uninterrupted run");
        assertEquals(0, deadLetters, run + ": dead letters");
    }

    /**
     * The same version, parameters (bit for bit: Double.equals) and counters. Creation times differ, since each
     * run's log was produced at its own time.
     */
    private static boolean sameLearning(PolicySnapshot actual, PolicySnapshot expected) {
        return actual.getVersion() == expected.getVersion()
                && actual.getPolicyParameters().equals(expected.getPolicyParameters())
                && actual.getValueParameters().equals(expected.getValueParameters())
                && actual.getEpisodesConsumed() == expected.getEpisodesConsumed()
                && actual.getStepsConsumed() == expected.getStepsConsumed()
                && actual.getSpec().equals(expected.getSpec());
    }

    private static List<PolicySnapshot> versions(List<PolicySnapshot> snapshots, String modelId, long version) {
        List<PolicySnapshot> matching = new ArrayList<>();
        for (PolicySnapshot snapshot : snapshots) {
            if (snapshot.getModelId().equals(modelId) && snapshot.getVersion() == version) {
                matching.add(snapshot);
            }
        }
        return matching;
    }

    private static ModelSpec model(String modelId, Algorithm algorithm) {
        ModelSpec.Builder spec = TestModels.bandit(BATCH_EPISODES).setModelId(modelId).setAlgorithm(algorithm);
        Hyperparameters.Builder h = Hyperparameters.newBuilder(spec.getHyperparameters())
                .setMaxVersionLag(1_000_000L).setMinibatchSize(4);
        if (algorithm != Algorithm.REINFORCE) {
            spec.setValueNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(List.of(8)).build());
            h.setBaseline(BaselineKind.LEARNED_VALUE);
        }
        return spec.setHyperparameters(h.build()).build();
    }
}
