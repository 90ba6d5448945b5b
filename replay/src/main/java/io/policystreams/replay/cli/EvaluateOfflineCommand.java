package io.policystreams.replay.cli;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.ProgressBar;
import io.policystreams.policy.evaluation.OffPolicyEvaluation;
import io.policystreams.replay.OfflineEvaluation;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.PolicySnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/** {@code evaluate-offline}: a candidate policy's value estimated on recorded episodes of another policy. */
final class EvaluateOfflineCommand {

    static final List<Option> OPTIONS = List.of(
            Option.value("--source-model", "ID", "the model whose recorded episodes are the data (required)"),
            Option.value("--policy-file", "policies.avro", "the evaluated policy, from a file of snapshots"),
            Option.value("--policy-version", "V", "the evaluated policy's version (default: the latest)"),
            Option.value("--policy-model", "ID", "the evaluated policy: that model's latest on the policies topic"),
            Option.value("--gamma", "G", "discount (default: the source model's)"),
            Option.value("--resamples", "N", "bootstrap resamples of the interval (default 2000)"),
            Option.value("--seed", "S", "seed of the bootstrap (default 1)"));

    private EvaluateOfflineCommand() {
    }

    static void run(Arguments arguments, Sources sources, PrintStream out) {
        String sourceModel = arguments.require("--source-model");
        PolicySnapshot candidate = candidate(arguments, sources);
        ProgressBar bar = ProgressBar.onStandardError("records");
        OfflineEvaluation.Result result;
        String description;
        try (StepLog log = sources.open()) {
            description = log.description();
            result = OfflineEvaluation.run(candidate, sourceModel, log, sources.maxEpisodeSteps(),
                    arguments.getDouble("--gamma", Double.NaN), arguments.getInt("--resamples", 2000),
                    arguments.getLong("--seed", 1L), read -> bar.update(read, log.progress()));
            bar.finish(result.recordsRead());
        }
        out.printf(Locale.ROOT, "value of model %s version %d (gamma %s) on %,d recorded episodes of model %s%n",
                candidate.getModelId(), candidate.getVersion(), result.gamma(), result.perDecision().episodes(),
                sourceModel);
        out.printf("  source: %s%n", description);
        out.println();
        out.println("| estimator | value | 95% interval | effective sample size |");
        out.println("| --- | --- | --- | --- |");
        row(out, "per-decision importance sampling", result.perDecision(), "normal");
        row(out, "weighted importance sampling", result.weighted(), "bootstrap");
        row(out, "behaviour policy (logged returns)", result.behaviour(), "normal");
        if (result.episodes().rejections().count() > 0) {
            out.printf("%nrejected %,d records, e.g.:%n", result.episodes().rejections().count());
            result.episodes().rejections().examples().forEach(example -> out.println("  " + example));
        }
        if (result.episodes().incomplete() > 0) {
            out.printf("%,d episodes incomplete at the end of the log were left out%n",
                    result.episodes().incomplete());
        }
    }

    private static void row(PrintStream out, String name, OffPolicyEvaluation.Estimate estimate, String interval) {
        out.printf(Locale.ROOT, "| %s | %.4f | [%.4f, %.4f] (%s) | %.1f of %d |%n", name, estimate.value(),
                estimate.lower(), estimate.upper(), interval, estimate.effectiveSampleSize(), estimate.episodes());
    }

    /** --policy-file (a replay's policies.avro; --policy-version or its last), or --policy-model's latest published. */
    private static PolicySnapshot candidate(Arguments arguments, Sources sources) {
        long version = arguments.getLong("--policy-version", -1L);
        if (arguments.has("--policy-file")) {
            return fromFile(Path.of(arguments.get("--policy-file", null)), version);
        }
        if (!arguments.has("--policy-model")) {
            throw new IllegalArgumentException("give the candidate with --policy-file FILE or --policy-model ID");
        }
        String modelId = arguments.get("--policy-model", null);
        PolicySnapshot published = sources.published(modelId);
        if (published == null) {
            throw new IllegalArgumentException("model " + modelId + " was never published");
        }
        if (version >= 0 && published.getVersion() != version) {
            throw new IllegalArgumentException("the policies topic keeps only the latest version of " + modelId
                    + " (" + published.getVersion() + "); older versions are in a replay's policies.avro");
        }
        return published;
    }

    static PolicySnapshot fromFile(Path file, long version) {
        PolicySnapshot chosen = null;
        try (DataFileReader<PolicySnapshot> reader = new DataFileReader<>(file.toFile(),
                new SpecificDatumReader<>(PolicySnapshot.class))) {
            for (PolicySnapshot snapshot : reader) {
                if (version < 0 || snapshot.getVersion() == version) {
                    chosen = snapshot;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (chosen == null) {
            throw new IllegalArgumentException(file + " holds no " + (version < 0 ? "snapshot" : "version " + version));
        }
        return chosen;
    }
}
