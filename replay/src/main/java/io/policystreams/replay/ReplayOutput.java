package io.policystreams.replay;

import io.policystreams.client.ClientConfig;
import io.policystreams.learning.PolicyTrainer;
import io.policystreams.schemas.PolicySnapshot;
import io.policystreams.schemas.TrainingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where a replay's versions go: {@code policies.avro} (every PolicySnapshot, version 0 first) and
 * {@code reports.avro} (every TrainingReport) in the output directory, and, when publishing, the policies and
 * reports topics under the new model id, as the live learner writes them.
 */
public final class ReplayOutput implements Replay.Updates, AutoCloseable {

    public static final String POLICIES_FILE = "policies.avro";
    public static final String REPORTS_FILE = "reports.avro";

    /** The topics and serializers to publish with. */
    public record Publication(Map<String, Object> clientConfigs, String policiesTopic,
                              Serializer<PolicySnapshot> policies, String reportsTopic,
                              Serializer<TrainingReport> reports) {

        /** The policies and reports topics of {@code cluster}. */
        public static Publication to(ClientConfig cluster) {
            return new Publication(cluster.clientConfigs(), cluster.policiesTopic(),
                    cluster.avroSerde(PolicySnapshot.class).serializer(), cluster.reportsTopic(),
                    cluster.avroSerde(TrainingReport.class).serializer());
        }
    }

    private final DataFileWriter<PolicySnapshot> snapshots;
    private final DataFileWriter<TrainingReport> reports;
    private final Publication publication;
    private final KafkaProducer<String, byte[]> producer;

    /** @param publication where to publish as well, or null to write files only */
    public ReplayOutput(Path directory, Publication publication) {
        try {
            Files.createDirectories(directory);
            snapshots = create(new DataFileWriter<>(new SpecificDatumWriter<>(PolicySnapshot.class)),
                    PolicySnapshot.getClassSchema(), directory.resolve(POLICIES_FILE));
            reports = create(new DataFileWriter<>(new SpecificDatumWriter<>(TrainingReport.class)),
                    TrainingReport.getClassSchema(), directory.resolve(REPORTS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        this.publication = publication;
        if (publication == null) {
            producer = null;
        } else {
            Map<String, Object> configs = new HashMap<>(publication.clientConfigs());
            configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            configs.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(configs, new StringSerializer(), new ByteArraySerializer());
        }
    }

    private static <T> DataFileWriter<T> create(DataFileWriter<T> writer, org.apache.avro.Schema schema, Path file)
            throws IOException {
        writer.setCodec(CodecFactory.deflateCodec(6));
        return writer.create(schema, file.toFile());
    }

    @Override
    public void initial(PolicySnapshot versionZero) {
        write(versionZero, null);
    }

    @Override
    public void updated(PolicyTrainer.Outcome outcome) {
        write(outcome.snapshot(), outcome.report());
    }

    private void write(PolicySnapshot snapshot, TrainingReport report) {
        try {
            snapshots.append(snapshot);
            if (report != null) {
                reports.append(report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay's output", e);
        }
        if (producer != null) {
            String modelId = snapshot.getModelId();
            producer.send(new ProducerRecord<>(publication.policiesTopic(), modelId,
                    publication.policies().serialize(publication.policiesTopic(), snapshot)));
            if (report != null) {
                producer.send(new ProducerRecord<>(publication.reportsTopic(), modelId,
                        publication.reports().serialize(publication.reportsTopic(), report)));
            }
        }
    }

    @Override
    public void close() {
        try {
            snapshots.close();
            reports.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the replay's output", e);
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
    }
}
