package io.policystreams.replay.cli;

import io.policystreams.commandline.Arguments;
import io.policystreams.commandline.Option;
import io.policystreams.commandline.ProgressBar;
import io.policystreams.replay.SpecJson;
import io.policystreams.replay.log.StepExport;
import io.policystreams.replay.log.StepLog;
import io.policystreams.schemas.PolicySnapshot;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;

/** {@code export}: recorded steps from the steps topic to an Avro object container file. */
final class ExportCommand {

    static final List<Option> OPTIONS = List.of(
            Option.value("--out", "FILE", "the Avro object container file written (required)"),
            Option.value("--model", "ID", "only this model's steps"),
            Option.value("--codec", "deflate|null|bzip2|xz", "compression (default deflate)"));

    private ExportCommand() {
    }

    static void run(Arguments arguments, Sources sources, PrintStream out) {
        Path file = Path.of(arguments.require("--out"));
        String modelId = arguments.get("--model", null);
        CodecFactory codec = codec(arguments.get("--codec", "deflate"));
        if (sources.fromFiles()) {
            throw new IllegalArgumentException("export reads the steps topic; --files are already exported");
        }
        Map<String, String> metadata = new HashMap<>();
        if (modelId != null) {
            PolicySnapshot published = sources.published(modelId);
            if (published != null) {
                metadata.put(StepExport.SPEC_METADATA_PREFIX + modelId, SpecJson.write(published.getSpec()));
            }
        }
        ProgressBar bar = ProgressBar.onStandardError("records");
        StepExport.Summary summary;
        try (StepLog log = sources.open()) {
            summary = StepExport.write(log, file, modelId, codec, metadata, read -> bar.update(read, log.progress()));
            bar.finish(summary.written() + summary.otherModels() + summary.undecodable());
            out.printf("exported %,d steps of %s to %s%n", summary.written(), modelId == null ? "every model"
                    : "model " + modelId, file);
            out.printf("  source: %s%n", log.description());
        }
        if (summary.otherModels() > 0) {
            out.printf("  skipped %,d steps of other models%n", summary.otherModels());
        }
        if (summary.undecodable() > 0) {
            out.printf("  skipped %,d records that are not steps (the learner dead-lettered them), e.g.:%n",
                    summary.undecodable());
            summary.undecodableExamples().forEach(example -> out.println("    " + example));
        }
    }

    private static CodecFactory codec(String name) {
        try {
            return CodecFactory.fromString(name);
        } catch (org.apache.avro.AvroRuntimeException e) {
            throw new IllegalArgumentException("--codec must be null, deflate, bzip2 or xz (snappy and zstandard "
                    + "need their libraries on the class path), got " + name);
        }
    }
}
