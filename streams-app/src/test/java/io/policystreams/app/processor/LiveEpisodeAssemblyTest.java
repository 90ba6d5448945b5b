package io.policystreams.app.processor;

import static io.policystreams.learning.TestModels.bandit;

import io.policystreams.app.topology.TopologyHarness;
import io.policystreams.learning.EpisodeAssemblyContract;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The shared assembly cases against the live topology (TopologyTestDriver): complete episodes are read from the
 * learner's pending batch (the bandit batches 1,000 episodes, so none is trained away), rejections from the
 * dead-letter topic.
 */
class LiveEpisodeAssemblyTest extends EpisodeAssemblyContract {

    @Override
    protected Outcome assemble(List<Step> steps) {
        try (TopologyHarness harness = new TopologyHarness()) {
            harness.declare(bandit(1_000).build());
            harness.policies();
            harness.send(steps.toArray(Step[]::new));
            List<List<Integer>> episodes = new ArrayList<>();
            try (KeyValueIterator<String, Episode> pending = harness.<Episode>store(LearnerStoreLayout.BATCH_EPISODES)
                    .all()) {
                pending.forEachRemaining(entry -> episodes.add(
                        entry.value.getSteps().stream().map(Step::getStepIndex).toList()));
            }
            return new Outcome(episodes, harness.deadLetters().stream().map(TopologyHarness.DeadLetter::reason)
                    .toList());
        }
    }
}
