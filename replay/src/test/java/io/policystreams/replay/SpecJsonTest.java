package io.policystreams.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.schemas.Algorithm;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.OptimizerKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

    @Test
    void aSpecSurvivesItsJsonForm() {
        ModelSpec spec = RecordedBandit.spec("a", 10);

        assertEquals(spec, SpecJson.read(SpecJson.write(spec), "test"));
    }

    @Test
    void aSpecFileWrittenBeforeAFieldExistedReadsWithItsDefault() {
        ModelSpec spec = RecordedBandit.spec("a", 10);
        String withoutRewardScale = SpecJson.write(spec).replaceAll(",\\s*\"rewardScale\"\\s*:\\s*1\\.0", "");
        assertTrue(!withoutRewardScale.contains("rewardScale"), withoutRewardScale);

        assertEquals(spec, SpecJson.read(withoutRewardScale, "an older file"));
    }

    @Test
    void overridesSetTheAlgorithmHyperparametersAndValueNetworkByName() {
        ModelSpec spec = SpecOverrides.apply(RecordedBandit.spec("a", 10), "b", "actor_critic", 5L, "16,16",
                Map.of("gamma", "0.9", "batchSteps", "64", "optimizer", "sgd", "normalizeAdvantages", "false"));

        assertEquals("b", spec.getModelId());
        assertEquals(Algorithm.ACTOR_CRITIC, spec.getAlgorithm());
        assertEquals(5L, spec.getSeed());
        assertEquals(List.of(16, 16), spec.getValueNetwork().getHiddenSizes());
        assertEquals(0.9, spec.getHyperparameters().getGamma());
        assertEquals(64, spec.getHyperparameters().getBatchSteps());
        assertEquals(OptimizerKind.SGD, spec.getHyperparameters().getOptimizer());
        assertEquals(false, spec.getHyperparameters().getNormalizeAdvantages());
    }

    @Test
    void badOverridesAreNamed() {
        ModelSpec base = RecordedBandit.spec("a", 10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpecOverrides.apply(base, "b", null, null,
                null, Map.of("gama", "0.9"))).getMessage().startsWith("no hyperparameter gama; there are gamma, "));
        assertEquals("hyperparameter epochs takes a int, got many", assertThrows(IllegalArgumentException.class,
                () -> SpecOverrides.apply(base, "b", null, null, null, Map.of("epochs", "many"))).getMessage());
        assertEquals("algorithm must be one of [REINFORCE, ACTOR_CRITIC, PPO], got dqn",
                assertThrows(IllegalArgumentException.class, () -> SpecOverrides.apply(base, "b", "dqn", null, null,
                        Map.of())).getMessage());
    }
}
