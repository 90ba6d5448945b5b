package io.policystreams.replay.log;

import io.policystreams.schemas.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes a step log to one Avro object container file with the Step schema, readable by any Avro tool
 * ({@code avro-tools tojson}, fastavro, Spark). Records that are not steps cannot be written as Steps: they are
 * counted and the first few named in the summary (the live learner sent each to the dead-letter topic).
 */
public final class StepExport {

    /** Header key of the description of where the steps came from. */
    public static final String SOURCE_METADATA = "policy-streams.source";
    /** Header key prefix of a model's spec, as Avro JSON: {@code policy-streams.spec.<modelId>}. */
    public static final String SPEC_METADATA_PREFIX = "policy-streams.spec.";

    private static final int EXAMPLES = 5;

    /** What an export wrote and skipped. */
    public record Summary(long written, long otherModels, long undecodable, List<String> undecodableExamples) {
    }

    private StepExport() {
    }

    /**
     * @param modelId  export only this model's steps; null for every model's
     * @param metadata extra header entries (specs of the exported models, say)
     * @param progress called after each record with the count read
     */
    public static Summary write(StepLog log, Path file, String modelId, CodecFactory codec, Map<String, String> metadata,
                                Consumer<Long> progress) {
        long written = 0;
        long otherModels = 0;
        long undecodable = 0;
        long read = 0;
        List<String> examples = new ArrayList<>();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (DataFileWriter<Step> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Step.class))) {
                writer.setCodec(codec);
                writer.setMeta(SOURCE_METADATA, log.description());
                metadata.forEach(writer::setMeta);
                writer.create(Step.getClassSchema(), file.toFile());
                for (LoggedStep record = log.next(); record != null; record = log.next()) {
                    read++;
                    if (!record.isDecoded()) {
                        undecodable++;
                        if (examples.size() < EXAMPLES) {
                            examples.add(record.position() + ": " + record.rejection());
                        }
                    } else if (modelId != null && !modelId.equals(record.step().getModelId())) {
                        otherModels++;
                    } else {
                        writer.append(record.step());
                        written++;
                    }
                    progress.accept(read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new Summary(written, otherModels, undecodable, List.copyOf(examples));
    }
}
