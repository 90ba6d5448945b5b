package io.policystreams.replay.episodes;

import static io.policystreams.learning.TestModels.bandit;

import io.policystreams.learning.EpisodeAssemblyContract;
import io.policystreams.replay.log.LoggedStep;
import io.policystreams.schemas.Episode;
import io.policystreams.schemas.Step;
import java.util.ArrayList;
import java.util.List;

/** The shared assembly cases against replay's offline assembler, the steps read as a recorded log. */
class OfflineEpisodeAssemblyTest extends EpisodeAssemblyContract {

    @Override
    protected Outcome assemble(List<Step> steps) {
        OfflineEpisodes assembler = new OfflineEpisodes("bandit", bandit(1).build(), 100_000);
        List<List<Integer>> episodes = new ArrayList<>();
        for (Step step : steps) {
            Episode episode = assembler.add(LoggedStep.decoded(step.getEpisodeId(), step, 0L, "log"));
            if (episode != null) {
                episodes.add(episode.getSteps().stream().map(Step::getStepIndex).toList());
            }
        }
        return new Outcome(episodes, assembler.rejections().examples().stream()
                .map(example -> example.substring("log: ".length())).toList());
    }
}
