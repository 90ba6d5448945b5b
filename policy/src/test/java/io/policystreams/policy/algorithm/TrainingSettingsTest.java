package io.policystreams.policy.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.policystreams.policy.optim.Adam;
import io.policystreams.policy.optim.Optimizer;
import io.policystreams.policy.optim.Sgd;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void theBuildersDefaultsAreCleanrlsPpoAndTheSchemas() {
        TrainingSettings defaults = TrainingSettings.defaults();

        assertEquals(new TrainingSettings(Optimizer.Kind.ADAM, 3e-4, 1e-3, 0.99, 0.95, 0.0, 0.5, 0.2, 4, 64, true,
                false, TrainingSettings.Baseline.RUNNING_MEAN, 100, 1.0, 1.0, 0.5, 1.0), defaults);
        assertEquals(defaults, defaults.toBuilder().build());
        assertEquals(0.5, defaults.toBuilder().gamma(0.5).build().gamma());
    }

    @Test
    void anOutOfRangeValueIsNamed() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.builder().valueLearningRate(Double.NaN).build());
        assertEquals("valueLearningRate must be finite and > 0, was NaN", rate.getMessage());
        IllegalArgumentException traces = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.builder().rhoBar(1.0).cBar(2.0).build());
        assertEquals("cBar must be <= rhoBar (1.0), was 2.0", traces.getMessage());
    }

    @Test
    void theOptimisersAreBuiltFromTheSettingsAndAdamResumesBitForBit() {
        TrainingSettings adam = TrainingSettings.builder().learningRate(0.01).valueLearningRate(0.1).build();
        double[] gradient = {0.5, -2.0};

        Optimizer fresh = adam.policyOptimizer(2, null);
        double[] continued = {1.0, 1.0};
        fresh.step(continued, gradient);
        Adam after = (Adam) fresh;
        Optimizer resumed = adam.policyOptimizer(2, new Adam.Moments(after.firstMoment(), after.secondMoment(),
                after.stepCount()));
        double[] fromResumed = continued.clone();
        fresh.step(continued, gradient);
        resumed.step(fromResumed, gradient);

        assertArrayEquals(continued, fromResumed, 0.0);
        assertEquals(0.1, ((Adam) adam.valueOptimizer(1, null)).learningRate());
        assertInstanceOf(Sgd.class, adam.toBuilder().optimizer(Optimizer.Kind.SGD).build().policyOptimizer(2, null));
    }
}
