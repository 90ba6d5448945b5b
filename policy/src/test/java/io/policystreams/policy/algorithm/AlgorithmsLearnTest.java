package io.policystreams.policy.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.policy.Trajectory;
import io.policystreams.policy.distribution.Action;
import io.policystreams.policy.distribution.ActionDistribution;
import io.policystreams.policy.distribution.ActionMask;
import io.policystreams.policy.distribution.SoftmaxPolicy;
import io.policystreams.policy.distribution.ValueFunction;
import io.policystreams.policy.loss.TrainingSample;
import io.policystreams.policy.optim.Adam;
import io.policystreams.policy.returns.RunningMeanBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Each algorithm, acting on-policy, learns the optimal action of a two-armed bandit (arm 1 pays 1, arm 0
 * pays 0) and of a 5-state chain (moving right reaches the reward); updates are bit-for-bit reproducible.
 */
class AlgorithmsLearnTest {

    private static final int EPISODES_PER_BATCH = 32;
    private static final int CHAIN_LENGTH = 5;

    @Test
    void reinforceLearnsTheBanditWithEveryBaseline() {
        for (TrainingSettings.Baseline baseline : TrainingSettings.Baseline.values()) {
            TrainingSettings settings = settings(baseline);
            Reinforce reinforce = new Reinforce(settings, new RunningMeanBaseline(settings.baselineWindow()));
            Model model = banditModel(baseline == TrainingSettings.Baseline.LEARNED_VALUE);

            double p = trainBandit(model, 60, (m, batch) -> reinforce.update(m, batch));

            assertTrue(p > 0.95, baseline + ": π(best arm) = " + p);
        }
    }

    @Test
    void actorCriticLearnsTheBandit() {
        ActorCritic actorCritic = new ActorCritic(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        double p = trainBandit(banditModel(true), 60, actorCritic::update);
        assertTrue(p > 0.95, "π(best arm) = " + p);
    }

    @Test
    void ppoLearnsTheBandit() {
        Ppo ppo = new Ppo(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        Random shuffle = new Random(3L);
        double p = trainBandit(banditModel(true), 30, (m, batch) -> ppo.update(m, batch, shuffle));
        assertTrue(p > 0.95, "π(best arm) = " + p);
    }

    @Test
    void ppoAndActorCriticLearnToWalkTheChain() {
        Ppo ppo = new Ppo(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        ActorCritic actorCritic = new ActorCritic(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        Random shuffle = new Random(4L);
        List<BiFunction<Model, List<Trajectory>, UpdateStatistics>> algorithms = List.of(
                (m, batch) -> ppo.update(m, batch, shuffle), actorCritic::update);
        for (BiFunction<Model, List<Trajectory>, UpdateStatistics> algorithm : algorithms) {
            Model model = chainModel();
            Random rng = new Random(5L);
            for (int update = 0; update < 80; update++) {
                algorithm.apply(model, chainBatch(model, rng));
            }
            for (int s = 0; s < CHAIN_LENGTH; s++) {
                double[] pi = ((SoftmaxPolicy.Categorical) model.policy().distribution(model.theta(), oneHot(s)))
                        .probabilities();
                assertTrue(pi[1] > 0.9, "π(right | s" + s + ") = " + pi[1]);
            }
        }
    }

    @Test
    void reinforceLearnsFromStaleStepsOfAUniformBehaviourPolicy() {
        Reinforce reinforce = new Reinforce(settings(TrainingSettings.Baseline.NONE), null);
        Model model = banditModel(false);
        Random rng = new Random(12L);
        for (int update = 0; update < 60; update++) {
            List<Trajectory> batch = new ArrayList<>();
            for (int e = 0; e < EPISODES_PER_BATCH; e++) {
                int arm = rng.nextInt(2); // μ = uniform, whatever the learner's version
                batch.add(new Trajectory(new double[][] {{1.0}}, new Action[] {Action.discrete(arm)},
                        new double[] {arm}, new double[] {Math.log(0.5)}, true, null));
            }
            UpdateStatistics stats = reinforce.update(model, batch);
            assertTrue(stats.effectiveSampleSize() <= EPISODES_PER_BATCH + 1e-9);
        }
        double p = Math.exp(model.policy().logProb(model.theta(), new double[] {1.0}, Action.discrete(1)));

        assertTrue(p > 0.95, "π(best arm) = " + p);
    }

    @Test
    void sameModelAndBatchGiveBitIdenticalParameters() {
        Ppo ppo = new Ppo(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        Model first = banditModel(true);
        Model second = banditModel(true);
        List<Trajectory> batch = banditBatch(first, new Random(6L));

        UpdateStatistics a = ppo.update(first, batch, new Random(7L));
        UpdateStatistics b = ppo.update(second, batch, new Random(7L));

        assertArrayEquals(first.theta(), second.theta(), 0.0);
        assertArrayEquals(first.phi(), second.phi(), 0.0);
        assertEquals(a, b);
    }

    @Test
    void statisticsDescribeTheBatch() {
        Model model = banditModel(true);
        List<Trajectory> batch = banditBatch(model, new Random(8L));
        double meanReturn = batch.stream().mapToDouble(Trajectory::undiscountedReturn).average().orElseThrow();

        UpdateStatistics stats = new ActorCritic(settings(TrainingSettings.Baseline.LEARNED_VALUE))
                .update(model, batch);

        assertEquals(EPISODES_PER_BATCH, stats.episodes());
        assertEquals(EPISODES_PER_BATCH, stats.steps());
        assertEquals(meanReturn, stats.meanReturn(), 1e-12);
        assertEquals(1.0, stats.meanImportanceRatio(), 1e-12); // on-policy
        assertEquals(EPISODES_PER_BATCH, stats.effectiveSampleSize(), 1e-9);
        assertEquals(Math.log(2), stats.entropy(), 0.05);
        assertEquals(0.0, stats.clipFraction(), "nothing is clipped outside PPO");
        // one state, so V(s) predicts one constant: 1 − Var[y − c]/Var[y] = 0
        assertEquals(0.0, stats.explainedVariance(), 1e-12);
    }

    @Test
    void ppoReportsTheFractionOfClippedRatiosAndNoExplainedVarianceWithoutAValueFunction() {
        Model model = banditModel(true);
        List<Trajectory> batch = banditBatch(model, new Random(8L));
        TrainingSettings manyEpochs = settings(TrainingSettings.Baseline.LEARNED_VALUE).toBuilder().epochs(30)
                .clipEpsilon(0.05).build();

        UpdateStatistics stats = new Ppo(manyEpochs).update(model, batch, new Random(3L));

        // the first minibatches act on-policy (ρ = 1, nothing clipped); 30 epochs at ε 0.05 move π well past 1 ± ε
        assertTrue(stats.clipFraction() > 0.1 && stats.clipFraction() < 1.0, "clip fraction " + stats.clipFraction());
        UpdateStatistics withoutValue = new Reinforce(settings(TrainingSettings.Baseline.NONE), null)
                .update(banditModel(false), batch);
        assertTrue(Double.isNaN(withoutValue.explainedVariance()));
    }

    @Test
    void everyAlgorithmLearnsTheBestAllowedArmWhenTheBestArmIsMaskedOut() {
        // three arms paying 0, 0.5 and 1; arm 2 is never allowed, so the best policy plays arm 1
        ActionMask noArm2 = ActionMask.of(true, true, false);
        Ppo ppo = new Ppo(settings(TrainingSettings.Baseline.LEARNED_VALUE));
        Random shuffle = new Random(15L);
        List<BiFunction<Model, List<Trajectory>, UpdateStatistics>> algorithms = List.of(
                (m, batch) -> ppo.update(m, batch, shuffle),
                new ActorCritic(settings(TrainingSettings.Baseline.LEARNED_VALUE))::update,
                new Reinforce(settings(TrainingSettings.Baseline.NONE), null)::update);
        for (BiFunction<Model, List<Trajectory>, UpdateStatistics> algorithm : algorithms) {
            Model model = threeArmModel();
            Random rng = new Random(16L);
            for (int update = 0; update < 60; update++) {
                List<Trajectory> batch = new ArrayList<>();
                for (int e = 0; e < EPISODES_PER_BATCH; e++) {
                    ActionDistribution pi = model.policy().distribution(model.theta(), new double[] {1.0}, noArm2);
                    Action a = pi.sample(rng);
                    batch.add(new Trajectory(new double[][] {{1.0}}, new Action[] {a},
                            new double[] {0.5 * ((Action.Discrete) a).index()}, new double[] {pi.logProb(a)},
                            true, null, new ActionMask[] {noArm2}));
                }
                UpdateStatistics stats = algorithm.apply(model, batch);
                if (update == 0) {
                    assertEquals(1.0, stats.meanImportanceRatio(), 1e-12, "ratios taken under the mask");
                }
            }
            double p = Math.exp(model.policy().logProb(model.theta(), new double[] {1.0}, noArm2,
                    Action.discrete(1)));
            assertTrue(p > 0.95, "π(arm 1 | arm 2 masked) = " + p);
        }
    }

    @Test
    void rewardScaleScalesWhatIsLearnedNotWhatIsReported() {
        Model model = banditModel(true);
        List<Trajectory> batch = banditBatch(model, new Random(13L));
        TrainingSettings scaled = settings(TrainingSettings.Baseline.LEARNED_VALUE, 0.25);

        // one-step terminated episodes: the λ-return target is c·r_0, whatever V(s_0)
        List<TrainingSample> samples = GaeSamples.build(model, new Batch(model, batch), scaled);
        for (int e = 0; e < batch.size(); e++) {
            assertEquals(0.25 * batch.get(e).rewards()[0], samples.get(e).valueTarget(), 1e-12);
        }
        double meanReturn = batch.stream().mapToDouble(Trajectory::undiscountedReturn).average().orElseThrow();
        assertEquals(meanReturn, new Ppo(scaled).update(model, batch, new Random(14L)).meanReturn(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> settings(TrainingSettings.Baseline.NONE, 0.0));
    }

    @Test
    void algorithmsThatNeedAValueFunctionSayWhat() {
        Model withoutValue = banditModel(false);
        List<Trajectory> batch = banditBatch(withoutValue, new Random(9L));

        IllegalArgumentException gae = assertThrows(IllegalArgumentException.class,
                () -> new ActorCritic(TrainingSettings.defaults()).update(withoutValue, batch));
        assertEquals("actor-critic needs a value function", gae.getMessage());
        IllegalArgumentException learned = assertThrows(IllegalArgumentException.class,
                () -> new Reinforce(settings(TrainingSettings.Baseline.LEARNED_VALUE), null)
                        .update(withoutValue, batch));
        assertEquals("the LEARNED_VALUE baseline needs a value function", learned.getMessage());
    }

    private static TrainingSettings settings(TrainingSettings.Baseline baseline) {
        return settings(baseline, 1.0);
    }

    private static TrainingSettings settings(TrainingSettings.Baseline baseline, double rewardScale) {
        return TrainingSettings.builder().gamma(0.9).minibatchSize(16).baseline(baseline).rewardScale(rewardScale)
                .build();
    }

    private static double trainBandit(Model model, int updates,
                                      BiFunction<Model, List<Trajectory>, UpdateStatistics> algorithm) {
        Random rng = new Random(1L);
        for (int update = 0; update < updates; update++) {
            algorithm.apply(model, banditBatch(model, rng));
        }
        return Math.exp(model.policy().logProb(model.theta(), new double[] {1.0}, Action.discrete(1)));
    }

    private static Model banditModel(boolean withValue) {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 2);
        double[] theta = policy.initialParameters(new Random(2L));
        if (!withValue) {
            return Model.policyOnly(policy, theta, new Adam(0.05, theta.length));
        }
        ValueFunction value = ValueFunction.linear(1);
        double[] phi = value.initialParameters(new Random(2L));
        return new Model(policy, theta, new Adam(0.05, theta.length), value, phi, new Adam(0.05, phi.length));
    }

    /** One-step episodes acted by the model's current policy. */
    private static List<Trajectory> banditBatch(Model model, Random rng) {
        List<Trajectory> batch = new ArrayList<>();
        double[] s = {1.0};
        for (int e = 0; e < EPISODES_PER_BATCH; e++) {
            ActionDistribution pi = model.policy().distribution(model.theta(), s);
            Action a = pi.sample(rng);
            double reward = ((Action.Discrete) a).index() == 1 ? 1.0 : 0.0;
            batch.add(new Trajectory(new double[][] {s}, new Action[] {a}, new double[] {reward},
                    new double[] {pi.logProb(a)}, true, null));
        }
        return batch;
    }

    private static Model threeArmModel() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(1, 3);
        ValueFunction value = ValueFunction.linear(1);
        double[] theta = policy.initialParameters(new Random(17L));
        double[] phi = value.initialParameters(new Random(18L));
        return new Model(policy, theta, new Adam(0.05, theta.length), value, phi, new Adam(0.05, phi.length));
    }

    private static Model chainModel() {
        SoftmaxPolicy policy = SoftmaxPolicy.linear(CHAIN_LENGTH, 2);
        ValueFunction value = ValueFunction.linear(CHAIN_LENGTH);
        double[] theta = policy.initialParameters(new Random(10L));
        double[] phi = value.initialParameters(new Random(11L));
        return new Model(policy, theta, new Adam(0.05, theta.length), value, phi, new Adam(0.05, phi.length));
    }

    /**
     * Start at s0; action 1 moves right, 0 moves left (floored at s0). Reaching the right end terminates with
     * reward 1; after 20 steps the episode is truncated, bootstrapping from the state it stopped in.
     */
    private static List<Trajectory> chainBatch(Model model, Random rng) {
        List<Trajectory> batch = new ArrayList<>();
        for (int e = 0; e < 8; e++) {
            List<double[]> states = new ArrayList<>();
            List<Action> actions = new ArrayList<>();
            List<Double> rewards = new ArrayList<>();
            List<Double> logProbs = new ArrayList<>();
            int s = 0;
            boolean terminated = false;
            while (!terminated && states.size() < 20) {
                ActionDistribution pi = model.policy().distribution(model.theta(), oneHot(s));
                Action a = pi.sample(rng);
                states.add(oneHot(s));
                actions.add(a);
                logProbs.add(pi.logProb(a));
                s = ((Action.Discrete) a).index() == 1 ? s + 1 : Math.max(0, s - 1);
                terminated = s == CHAIN_LENGTH;
                rewards.add(terminated ? 1.0 : 0.0);
            }
            int length = states.size();
            batch.add(new Trajectory(states.toArray(new double[0][]), actions.toArray(new Action[0]),
                    rewards.stream().mapToDouble(Double::doubleValue).toArray(),
                    logProbs.stream().mapToDouble(Double::doubleValue).toArray(), terminated,
                    terminated ? null : oneHot(s)));
        }
        return batch;
    }

    private static double[] oneHot(int s) {
        double[] x = new double[CHAIN_LENGTH];
        x[s] = 1.0;
        return x;
    }
}
