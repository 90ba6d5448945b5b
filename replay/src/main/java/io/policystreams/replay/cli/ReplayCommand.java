package io.policystreams.replay.cli;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.ProgressBar;
import io.policystreams.replay.Replay;
import io.policystreams.replay.ReplayOutput;
import io.policystreams.replay.SpecJson;
import io.policystreams.replay.SpecOverrides;
import io.policystreams.replay.log.ContainerFileStepLog;
import io.policystreams.replay.log.StepExport;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.TrainingReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code replay}: a new model trained on recorded steps through the learner's update. */
final class ReplayCommand {

    static final List<Option> OPTIONS = List.of(
            Option.value("--model-id", "NEW", "the new model's id (required)"),
            Option.value("--source-model", "ID", "the model whose recorded steps are replayed (required)"),
            Option.value("--spec", "SPEC.json", "the new model's spec (default: the source model's, from the "
                    + "policies topic or the files)"),
            Option.value("--algorithm", "REINFORCE|ACTOR_CRITIC|PPO", "overrides the spec's algorithm"),
            Option.pairs("--hp", "NAME=VALUE", "overrides a hyperparameter (repeatable)"),
            Option.value("--seed", "S", "overrides the spec's seed"),
            Option.value("--value-network", "64,64", "overrides the value network's hidden sizes"),
            Option.value("--out", "DIR", "where the policies, reports and curve go (default results/replay-NEW)"),
            Option.flag("--publish", "also publish the new model's versions to the policies topic"));

    private ReplayCommand() {
    }

    static void run(Arguments arguments, Sources sources, PrintStream out) {
        String modelId = arguments.require("--model-id");
        String sourceModel = arguments.require("--source-model");
        ModelSpec spec = SpecOverrides.apply(baseSpec(arguments, sources, sourceModel), modelId,
                arguments.get("--algorithm", null), arguments.has("--seed") ? arguments.getLong("--seed", 0) : null,
                arguments.get("--value-network", null), arguments.pairs("--hp"));
        Path directory = Path.of(arguments.get("--out", "results/replay-" + modelId));
        ReplayOutput.Publication publication = null;
        if (arguments.has("--publish")) {
            if (sources.published(modelId) != null) {
                throw new IllegalArgumentException("model " + modelId + " is already published; replay trains a "
                        + "new model, give it a new --model-id");
            }
            publication = ReplayOutput.Publication.to(sources.config());
        }

        ProgressBar bar = ProgressBar.onStandardError("records");
        Replay.Result result;
        String description;
        try (StepLog log = sources.open(); ReplayOutput output = new ReplayOutput(directory, publication)) {
            description = log.description();
            result = Replay.run(spec, sourceModel, log, sources.maxEpisodeSteps(), output,
                    read -> bar.update(read, log.progress()));
            bar.finish(result.recordsRead());
        }
        print(out, spec, sourceModel, description, directory, publication != null, result);
    }

    /** --spec, else the recorded model's spec from the first file's header or from the policies topic. */
    private static ModelSpec baseSpec(Arguments arguments, Sources sources, String sourceModel) {
        if (arguments.has("--spec")) {
            return SpecJson.read(Path.of(arguments.get("--spec", null)));
        }
        if (sources.fromFiles()) {
            String json = ContainerFileStepLog.metadata(sources.files().get(0),
                    StepExport.SPEC_METADATA_PREFIX + sourceModel);
            if (json != null) {
                return SpecJson.read(json, "the header of " + sources.files().get(0));
            }
            throw new IllegalArgumentException(sources.files().get(0) + " carries no spec of model " + sourceModel
                    + " (export with --model does); give one with --spec FILE");
        }
        PolicySnapshot published = sources.published(sourceModel);
        if (published == null) {
            throw new IllegalArgumentException("model " + sourceModel + " was never published; give a spec with "
                    + "--spec FILE");
        }
        return published.getSpec();
    }

    private static void print(PrintStream out, ModelSpec spec, String sourceModel, String source, Path directory,
                              boolean published, Replay.Result result) {
        out.printf("replayed model %s (%s) from recorded model %s: version %d%n", spec.getModelId(),
                spec.getAlgorithm(), sourceModel, result.finalState().getVersion());
        out.printf("  source: %s%n", source);
        out.printf("  %,d records read; %,d episodes and %,d steps trained on%n", result.recordsRead(),
                result.episodesTrained(), result.stepsTrained());
        if (!result.reports().isEmpty()) {
            TrainingReport last = result.reports().get(result.reports().size() - 1);
            out.printf(Locale.ROOT, "  last update: mean return %.3f over %d episodes, effective sample size %.1f "
                    + "of %d steps%n", last.getMeanReturn(), last.getEpisodes(), last.getEffectiveSampleSize(),
                    last.getSteps());
            out.printf(Locale.ROOT, "  importance weights kept %.1f%% of the data (sum of ESS / sum of steps over "
                    + "%d updates)%n", 100 * result.effectiveSampleFraction(), result.reports().size());
        }
        if (result.leftoverEpisodes() > 0) {
            out.printf("  %,d complete episodes left over: fewer than one batch%n", result.leftoverEpisodes());
        }
        if (result.incompleteEpisodes() > 0) {
            out.printf("  %,d episodes incomplete at the end of the log%n", result.incompleteEpisodes());
        }
        if (result.episodes().otherModels() > 0 || result.episodes().duplicates() > 0) {
            out.printf("  skipped %,d steps of other models and %,d duplicates%n", result.episodes().otherModels(),
                    result.episodes().duplicates());
        }
        if (result.episodes().rejections().count() > 0) {
            out.printf("  rejected %,d records, e.g.:%n", result.episodes().rejections().count());
            result.episodes().rejections().examples().forEach(example -> out.println("    " + example));
        }
        out.printf("  wrote %s and %s%s%n", directory.resolve(ReplayOutput.POLICIES_FILE),
                directory.resolve(ReplayOutput.REPORTS_FILE), published ? "; published to the policies topic" : "");
    }
}
