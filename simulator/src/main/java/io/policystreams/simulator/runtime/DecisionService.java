package io.policystreams.simulator.runtime;

import io.policystreams.binding.Actions;
import io.policystreams.binding.Actor;
import io.policystreams.binding.Vectors;
import io.policystreams.client.ClientConfig;
import io.policystreams.policy.distribution.Action;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.Reward;
import io.policystreams.simulator.env.ClickService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A live service whose rewards come later ({@link ClickService}): every interval it takes a request, decides from
 * the model's newest policy (its exploration included), publishes the {@link Decision} at once, and publishes the
 * click, if one comes, as a {@link Reward} when its delay has passed. It never waits for the learner: the learner's
 * reward joiner pairs them. Each decision is a one-step episode whose id is the decision id.
 */
public final class DecisionService implements AutoCloseable {

    /** What a run did: decisions published, clicks (rewards published), and clicks that came after the wait. */
    public record Summary(long decisions, long clicks, long clicksAfterWait, long finalVersion, Duration elapsed) {
    }

    private final ClickService service;
    private final PolicySource policies;
    private final String modelId;
    private final String actorId;
    private final Duration wait;
    private final Random rng;
    private final String decisionsTopic;
    private final String rewardsTopic;
    private final KafkaProducer<String, Decision> decisions;
    private final KafkaProducer<String, Reward> rewards;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "decision-service");
        thread.setDaemon(true);
        return thread;
    });
    private Actor actor;
    private long decided;
    private long clicks;
    private long clicksAfterWait;

    /**
     * @param wait the model's reward wait, only to count the clicks that will come too late
     * @param seed seeds the contexts, the decisions' sampling and the clicks
     */
    public DecisionService(ClientConfig config, ClickService service, PolicySource policies, String modelId,
                           String actorId, Duration wait, long seed) {
        this.service = service;
        this.policies = policies;
        this.modelId = modelId;
        this.actorId = actorId;
        this.wait = wait;
        this.rng = new Random(seed);
        this.decisionsTopic = config.decisionsTopic();
        this.rewardsTopic = config.rewardsTopic();
        Map<String, Object> configs = config.actorProducerConfigs();
        this.decisions = new KafkaProducer<>(configs, new StringSerializer(),
                config.avroSerde(Decision.class).serializer());
        this.rewards = new KafkaProducer<>(configs, new StringSerializer(), config.avroSerde(Reward.class).serializer());
    }

    /**
     * Takes {@code count} requests, one per {@code interval}, then waits until every click has been published.
     *
     * @throws KafkaException when a record could not be published
     */
    public Summary run(long count, Duration interval, Duration policyTimeout) throws InterruptedException {
        long started = System.nanoTime();
        PolicySnapshot first = policies.awaitNewerThan(-1, policyTimeout);
        if (first == null) {
            throw new IllegalStateException("no policy of model " + modelId + " within " + policyTimeout
                    + "; is the learner running and the model declared?");
        }
        actor = new Actor(first);
        CountDownLatch done = new CountDownLatch(1);
        ScheduledFuture<?> requests = timer.scheduleAtFixedRate(() -> {
            if (decided < count && failure.get() == null) {
                decideOne();
            } else {
                done.countDown();
            }
        }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        done.await();
        requests.cancel(false);
        timer.shutdown(); // the clicks already scheduled still run
        timer.awaitTermination(1, TimeUnit.HOURS);
        decisions.flush();
        rewards.flush();
        rethrowFailure();
        return new Summary(decided, clicks, clicksAfterWait, actor.version(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void decideOne() {
        try {
            PolicySnapshot latest = policies.latest();
            if (latest != null && latest.getVersion() > actor.version()) {
                actor = new Actor(latest);
            }
            int context = service.context(rng);
            double[] observation = service.observation(context);
            Actor.Decision decision = actor.sample(observation, null, rng);
            String id = actorId + "-" + decided++;
            Instant now = Instant.now();
            decisions.send(new ProducerRecord<>(decisionsTopic, id, Decision.newBuilder()
                    .setModelId(modelId).setDecisionId(id).setEpisodeId(id).setStepIndex(0)
                    .setObservation(Vectors.toList(observation)).setAction(Actions.toAvro(decision.action()))
                    .setBehaviourLogProb(decision.logProb()).setPolicyVersion(actor.version()).setEventTime(now)
                    .setTerminated(true).setTruncated(false).setActorId(actorId).build()), this::sent);
            long delay = service.clickDelayMillis(context, ((Action.Discrete) decision.action()).index(), rng);
            if (delay >= 0) {
                clicks++;
                clicksAfterWait += delay > wait.toMillis() ? 1 : 0;
                timer.schedule(() -> rewards.send(new ProducerRecord<>(rewardsTopic, id,
                        new Reward(id, 1.0, now.plusMillis(delay), "click")), this::sent), delay, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e); // ends the run, which rethrows it
        }
    }

    private void sent(Object metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("the decision service failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        decisions.close();
        rewards.close();
    }
}
