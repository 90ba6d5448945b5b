package io.policystreams.simulator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.simulator.env.ActionSpace;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Environments;
import org.junit.jupiter.api.Test;

class DefaultModelsTest {

    /** Every named environment has a default model whose spaces are the environment's. */
    @Test
    void everyEnvironmentIsDeclaredWithItsOwnSpaces() {
        for (String name : Environments.names()) {
            Environment environment = Environments.named(name).get();
            ModelSpec spec = DefaultModels.forEnvironment(name, name, 1L);

            assertEquals(environment.observationSize(), spec.getObservationSize(), name);
            assertEquals(((ActionSpace.Discrete) environment.actionSpace()).n(),
                    ((DiscreteActionSpace) spec.getActionSpace()).getN(), name);
            assertEquals(environment.observationSize(), environment.reset(7L).length, name);
        }
    }

    @Test
    void theResourceEnvironmentsRunAtTheirPapersDefaultLoads() {
        assertEquals(71, Environments.named(Environments.SCHEDULING).get().observationSize());
        assertEquals(11, Environments.named(Environments.LOAD_BALANCING).get().observationSize());
        assertTrue(Environments.BALANCING_LOAD > 0.9 && Environments.BALANCING_LOAD < 0.91);
    }
}
