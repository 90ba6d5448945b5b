package io.policystreams.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.policystreams.binding.Actions;
import io.policystreams.binding.Actor;
import io.policystreams.binding.Vectors;
import io.policystreams.client.ClientConfig;
import io.policystreams.learning.Ids;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.schemas.Decision;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.Reward;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP act endpoint: {@code POST /v1/models/{id}/act} samples an action from the model's newest policy for an
 * observation (and an optional action mask) and answers it with its log-probability and the policy version;
 * {@code GET /v1/models/{id}} gives the version and spec, {@code GET /v1/models} every model's version, and
 * {@code GET /openapi.yaml} the API. Bad requests are 4xx with {@code {"error": "..."}}: 404 for a model with no
 * published policy, 400 for malformed JSON, an observation of the wrong size, a mask of the wrong length, a mask
 * on a continuous model, or a mask that allows nothing. Javalin (Jetty) serves it; Jackson reads and writes it.
 * With a {@link DecisionLog}, each decision served is also published as a {@code Decision} (a one-step episode,
 * its id in the answer), and {@code POST /v1/rewards} publishes the rewards reported for them later.
 */
public final class ActServer implements AutoCloseable {

    /**
     * What an actor sends: the observation s and, for discrete actions, which actions are allowed (null: all); when
     * decisions are logged, optionally the decision's id (default: a new UUID) and the actor's id (default "serve").
     */
    public record ActRequest(double[] observation, boolean[] mask, String decisionId, String actorId) {
    }

    /**
     * What it gets: a ~ π(·|s) (an index, or a vector for continuous actions), log π(a|s) (log μ under the spec's
     * exploration), π's version, and, when decisions are logged, the decision's id for its rewards.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActResponse(String modelId, long policyVersion, Object action, double logProb, String decisionId) {
    }

    /** A reward for a logged decision: its id, the value, and optionally its source and when it happened (ms). */
    public record RewardRequest(String decisionId, Double value, String source, Long eventTime) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAPI = openApi();

    private final PolicyCache policies;
    private final Javalin app;
    private final MeterRegistry meters;
    private final DecisionLog decisions;

    private ActServer(PolicyCache policies, MeterRegistry meters, DecisionLog decisions) {
        this.policies = policies;
        this.meters = meters;
        this.decisions = decisions;
        this.app = Javalin.create(config -> config.showJavalinBanner = false)
                .post("/v1/models/{id}/act", this::act)
                .get("/v1/models/{id}", this::model)
                .get("/v1/models", ctx -> ctx.json(policies.versions()))
                .post("/v1/rewards", this::reward)
                .get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(OPENAPI))
                .exception(BadRequest.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.getMessage())));
    }

    /**
     * Follows the policies topic of {@code config}'s cluster (reading it to its end first) and answers on
     * {@code host:port} (port 0: a free one); counts and times the decisions in {@code meters}.
     */
    public static ActServer start(ClientConfig config, String host, int port, MeterRegistry meters) {
        return start(config, host, port, meters, false);
    }

    /** As {@link #start(ClientConfig, String, int, MeterRegistry)}; with {@code logDecisions}, a decision log too. */
    public static ActServer start(ClientConfig config, String host, int port, MeterRegistry meters,
                                  boolean logDecisions) {
        ActServer server = new ActServer(new PolicyCache(config), meters, logDecisions ? new DecisionLog(config)
                : null);
        server.app.start(host, port);
        return server;
    }

    /** The port it answers on. */
    public int port() {
        return app.port();
    }

    private void act(Context ctx) {
        Timer.Sample started = Timer.start(meters);
        String outcome = "error";
        String modelId = ctx.pathParam("id");
        try {
            Actor actor = actor(modelId);
            ActRequest request = read(ctx.body());
            ModelSpec spec = actor.snapshot().getSpec();
            double[] observation = observation(request, spec);
            ActionMask mask = mask(request, spec);
            Actor.Decision decision = actor.sample(observation, mask, ThreadLocalRandom.current());
            String decisionId = decisions == null ? null : log(modelId, actor.version(), request, observation, mask,
                    decision);
            ctx.json(new ActResponse(modelId, actor.version(), json(decision.action()), decision.logProb(),
                    decisionId));
            outcome = "ok";
        } finally {
            started.stop(Timer.builder("policy.streams.serve.act").description("Decisions served, by outcome")
                    .tags("model", modelId, "outcome", outcome).register(meters));
        }
    }

    /** Publishes the decision as a one-step episode of its own; returns its id. */
    private String log(String modelId, long version, ActRequest request, double[] observation, ActionMask mask,
                       Actor.Decision decision) {
        String decisionId = request.decisionId() != null ? request.decisionId() : UUID.randomUUID().toString();
        Ids.violation("decisionId", decisionId).ifPresent(reason -> {
            throw new BadRequest(400, reason);
        });
        decisions.decision(Decision.newBuilder()
                .setModelId(modelId).setDecisionId(decisionId).setEpisodeId(decisionId).setStepIndex(0)
                .setObservation(Vectors.toList(observation)).setAction(Actions.toAvro(decision.action()))
                .setActionMask(Actions.maskToAvro(mask)).setBehaviourLogProb(decision.logProb())
                .setPolicyVersion(version).setEventTime(Instant.now()).setTerminated(true).setTruncated(false)
                .setActorId(request.actorId() != null ? request.actorId() : "serve")
                .build(), () -> countLogFailure("decision"));
        return decisionId;
    }

    private void reward(Context ctx) {
        if (decisions == null) {
            throw new BadRequest(404, "this server logs no decisions, so it takes no rewards; start it with "
                    + "--log-decisions");
        }
        RewardRequest request;
        try {
            request = JSON.readValue(ctx.body(), RewardRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "the body is not a reward: " + e.getOriginalMessage());
        }
        if (request == null || request.decisionId() == null || request.value() == null) {
            throw new BadRequest(400, "a reward needs a decisionId and a value: {\"decisionId\": \"...\", "
                    + "\"value\": 1.0}");
        }
        Ids.violation("decisionId", request.decisionId()).ifPresent(reason -> {
            throw new BadRequest(400, reason);
        });
        if (!Double.isFinite(request.value())) {
            throw new BadRequest(400, "the reward's value must be finite");
        }
        Instant when = request.eventTime() != null ? Instant.ofEpochMilli(request.eventTime()) : Instant.now();
        decisions.reward(new Reward(request.decisionId(), request.value(), when, request.source()),
                () -> countLogFailure("reward"));
        ctx.status(202).json(Map.of("decisionId", request.decisionId()));
    }

    private void countLogFailure(String kind) {
        meters.counter("policy.streams.serve.log.failures", "kind", kind).increment();
    }

    private void model(Context ctx) throws JsonProcessingException {
        Actor actor = actor(ctx.pathParam("id"));
        ctx.json(Map.of("modelId", ctx.pathParam("id"), "version", actor.version(),
                "createdAt", actor.snapshot().getCreatedAt().toString(),
                "spec", JSON.readTree(actor.snapshot().getSpec().toString())));
    }

    private Actor actor(String modelId) {
        Actor actor = policies.actor(modelId);
        if (actor == null) {
            throw new BadRequest(404, "model " + modelId + " has no published policy");
        }
        return actor;
    }

    private static ActRequest read(String body) {
        try {
            ActRequest request = JSON.readValue(body, ActRequest.class);
            if (request == null || request.observation() == null) {
                throw new BadRequest(400, "the body needs an observation: {\"observation\": [...]}");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "the body is not an act request: " + e.getOriginalMessage());
        }
    }

    private static double[] observation(ActRequest request, ModelSpec spec) {
        if (request.observation().length != spec.getObservationSize()) {
            throw new BadRequest(400, "the observation has " + request.observation().length + " entries; model "
                    + spec.getModelId() + " takes " + spec.getObservationSize());
        }
        for (double value : request.observation()) {
            if (!Double.isFinite(value)) {
                throw new BadRequest(400, "the observation has a non-finite entry");
            }
        }
        return request.observation();
    }

    private static ActionMask mask(ActRequest request, ModelSpec spec) {
        boolean[] mask = request.mask();
        if (mask == null) {
            return null;
        }
        if (!(spec.getActionSpace() instanceof DiscreteActionSpace discrete)) {
            throw new BadRequest(400, "model " + spec.getModelId() + " has continuous actions and takes no mask");
        }
        if (mask.length != discrete.getN()) {
            throw new BadRequest(400, "the mask has " + mask.length + " entries; model " + spec.getModelId()
                    + " has " + discrete.getN() + " actions");
        }
        for (boolean allowed : mask) {
            if (allowed) {
                return ActionMask.of(mask);
            }
        }
        throw new BadRequest(400, "the mask allows no action");
    }

    private static Object json(Action action) {
        return action instanceof Action.Discrete discrete ? discrete.index()
                : ((Action.Continuous) action).values();
    }

    private static String openApi() {
        try (InputStream in = ActServer.class.getResourceAsStream("openapi.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        policies.close();
        if (decisions != null) {
            decisions.close();
        }
    }

    /** A request the server refuses, with its status. */
    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
