package io.policystreams.simulator.runtime;

import io.policystreams.schemas.PolicySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** Policy snapshots in Avro object container files, the form the demos and replays leave them in. */
public final class PolicyFiles {

    private PolicyFiles() {
    }

    public static void write(Path file, PolicySnapshot policy) {
        try (DataFileWriter<PolicySnapshot> writer = new DataFileWriter<>(
                new SpecificDatumWriter<>(PolicySnapshot.class))) {
            writer.create(PolicySnapshot.getClassSchema(), file.toFile());
            writer.append(policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The file's last snapshot: the latest version, for a file written version by version. */
    public static PolicySnapshot last(Path file) {
        try (DataFileReader<PolicySnapshot> reader = new DataFileReader<>(file.toFile(),
                new SpecificDatumReader<>(PolicySnapshot.class))) {
            PolicySnapshot last = null;
            while (reader.hasNext()) {
                last = reader.next(last);
            }
            if (last == null) {
                throw new IllegalArgumentException(file + " holds no policy snapshot");
            }
            return last;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read policy snapshots from " + file + ": " + e.getMessage(), e);
        }
    }
}
