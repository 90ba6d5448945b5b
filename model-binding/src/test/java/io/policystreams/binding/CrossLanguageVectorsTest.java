package io.policystreams.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.StochasticPolicy;
import io.policystreams.schemas.Activation;
import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.ContinuousActionSpace;
import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.Hyperparameters;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Python client's policy ({@code clients/python/policy_streams/policy.py}) against this one: seeded cases of
 * (spec, parameters, observation, mask) with the Java log-probabilities, written to
 * {@code target/policy-vectors.json}, which the Python tests must match to 1e-12. Needs Debian's python3-numpy
 * ({@code .ci/run} installs it); skipped without it, except under CI=true, where it fails.
 */
class CrossLanguageVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VECTORS = Path.of("target", "policy-vectors.json").toAbsolutePath();
    private static final Path PYTHON_CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();

    @Test
    void thePythonPolicyComputesTheJavaLogProbabilities() throws Exception {
        ObjectNode vectors = JSON.createObjectNode();
        ArrayNode cases = vectors.putArray("cases");
        Random rng = new Random(20261202L);
        for (Map.Entry<String, ModelSpec> spec : specs().entrySet()) {
            StochasticPolicy policy = ModelSpecs.policy(spec.getValue());
            for (int c = 0; c < 5; c++) {
                cases.add(randomCase(spec.getKey() + "-" + c, spec.getValue(), policy, rng));
            }
        }
        Files.createDirectories(VECTORS.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(VECTORS.toFile(), vectors);

        boolean numpy = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start().waitFor() == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(numpy, "no python3-numpy (apt-get install python3-numpy)");
        }
        ProcessBuilder tests = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "discover", "-s", "tests",
                "-v").directory(PYTHON_CLIENT.toFile()).redirectErrorStream(true);
        tests.environment().put("POLICY_VECTORS", VECTORS.toString());
        Process python = tests.start();
        String said = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, python.exitValue(), said);
        assertTrue(said.contains("test_every_java_log_probability"), "the vector test ran:\n" + said);
    }

    /** Linear and MLP softmax (tanh, relu) and the diagonal Gaussian, linear and MLP. */
    private static Map<String, ModelSpec> specs() {
        return Map.of(
                "linear-softmax", spec(new DiscreteActionSpace(3), List.of(), Activation.TANH),
                "mlp-softmax-tanh", spec(new DiscreteActionSpace(4), List.of(16, 8), Activation.TANH),
                "mlp-softmax-relu", spec(new DiscreteActionSpace(2), List.of(8), Activation.RELU),
                "mlp-softmax-exploring", exploring(spec(new DiscreteActionSpace(4), List.of(6), Activation.TANH)),
                "linear-gaussian", spec(new ContinuousActionSpace(2, List.of(-1.0, -1.0), List.of(1.0, 1.0)),
                        List.of(), Activation.TANH),
                "mlp-gaussian", spec(new ContinuousActionSpace(3, List.of(-2.0, -2.0, -2.0), List.of(2.0, 2.0, 2.0)),
                        List.of(12, 12), Activation.TANH));
    }

    private static ModelSpec spec(Object actionSpace, List<Integer> hidden, Activation activation) {
        return ModelSpec.newBuilder().setModelId("vectors").setObservationSize(5).setActionSpace(actionSpace)
                .setPolicyNetwork(NetworkArchitecture.newBuilder().setHiddenSizes(hidden).setActivation(activation)
                        .build())
                .setValueNetwork(null).setAlgorithm(Algorithm.PPO)
                .setHyperparameters(Hyperparameters.newBuilder().setInitialLogStd(-0.3)
                        .build()).setSeed(3L).build();
    }

    /** ε-greedy exploration around a softmax of temperature 0.6: the actors' behaviour policy differs from π. */
    private static ModelSpec exploring(ModelSpec spec) {
        spec.getHyperparameters().setExplorationEpsilon(0.15);
        spec.getHyperparameters().setTemperature(0.6);
        return spec;
    }

    /** Random θ (so the output layer matters), observation and mask; every action's log π, or a sampled one's. */
    private static ObjectNode randomCase(String name, ModelSpec spec, StochasticPolicy policy, Random rng)
            throws Exception {
        double[] theta = new double[policy.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextGaussian() * 0.7;
        }
        double[] observation = new double[spec.getObservationSize()];
        for (int i = 0; i < observation.length; i++) {
            observation[i] = rng.nextGaussian() * 2.0;
        }
        ObjectNode c = JSON.createObjectNode().put("name", name);
        c.set("spec", JSON.readTree(spec.toString()));
        c.set("parameters", JSON.valueToTree(theta));
        c.set("observation", JSON.valueToTree(observation));
        ArrayNode logProbs = c.putArray("logProbs");
        if (spec.getActionSpace() instanceof DiscreteActionSpace discrete) {
            boolean[] allowed = new boolean[discrete.getN()];
            for (int i = 0; i < allowed.length; i++) {
                allowed[i] = rng.nextDouble() < 0.7;
            }
            allowed[rng.nextInt(allowed.length)] = true;
            ActionMask mask = rng.nextBoolean() ? ActionMask.of(allowed) : null;
            c.set("mask", mask == null ? null : JSON.valueToTree(allowed));
            ActionDistribution distribution = policy.distribution(theta, observation, mask);
            double[] logMu = ModelSpecs.exploration(spec).logProbabilities(
                    ((SoftmaxPolicy.Categorical) distribution).logProbabilities());
            ArrayNode behaviourLogProbs = c.putArray("behaviourLogProbs");
            for (int a = 0; a < discrete.getN(); a++) {
                if (mask == null || mask.allows(a)) {
                    logProbs.addObject().put("action", a).put("logProb", distribution.logProb(Action.discrete(a)));
                    behaviourLogProbs.addObject().put("action", a).put("logProb", logMu[a]);
                }
            }
        } else {
            ActionDistribution distribution = policy.distribution(theta, observation);
            for (int k = 0; k < 3; k++) {
                Action.Continuous action = (Action.Continuous) distribution.sample(rng);
                ObjectNode entry = logProbs.addObject();
                entry.set("action", JSON.valueToTree(action.values()));
                entry.put("logProb", distribution.logProb(action));
            }
        }
        return c;
    }
}
