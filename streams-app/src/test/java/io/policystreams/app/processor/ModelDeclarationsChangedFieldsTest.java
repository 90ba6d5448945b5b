package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.policystreams.schemas.DiscreteActionSpace;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.NetworkArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDeclarationsChangedFieldsTest {

    @Test
    void namesNestedFieldsAndWholeUnionBranches() {
        ModelSpec before = bandit(4).build();
        ModelSpec after = bandit(4).setActionSpace(new DiscreteActionSpace(3))
                .setValueNetwork(NetworkArchitecture.newBuilder().build()).build();
        after.getHyperparameters().setLearningRate(0.5);
        after.getPolicyNetwork().setHiddenSizes(List.of(8));

        assertEquals(List.of("actionSpace.n", "policyNetwork.hiddenSizes", "valueNetwork",
                "hyperparameters.learningRate"), ModelDeclarations.changedFields(before, after, ""));
        assertEquals(List.of(), ModelDeclarations.changedFields(before, bandit(4).build(), ""));
    }
}
