package io.policystreams.replay;

import io.policystreams.schemas.ModelSpec;
import io.policystreams.schemas.TopicSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** A ModelSpec in Avro's JSON encoding (unions tagged with their branch), the form {@code avro-tools} reads. */
public final class SpecJson {

    private SpecJson() {
    }

    public static String write(ModelSpec spec) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(ModelSpec.getClassSchema(), bytes, true);
            new SpecificDatumWriter<>(ModelSpec.class).write(spec, encoder);
            encoder.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the current schema's JSON, or that of an older kept version (a file written before a field with a default
     * was added gets the default).
     *
     * @param where names the text's origin in the error message
     */
    public static ModelSpec read(String json, String where) {
        Schema current = ModelSpec.getClassSchema();
        try {
            return read(json, current);
        } catch (IOException | RuntimeException e) {
            List<Schema> older = TopicSchemas.keptVersions(current.getName());
            for (int v = older.size() - 1; v >= 0; v--) {
                if (!older.get(v).equals(current)) {
                    try {
                        return read(json, older.get(v));
                    } catch (IOException | RuntimeException notThisVersion) {
                        // try the next older one
                    }
                }
            }
            throw new IllegalArgumentException("the ModelSpec in " + where + " is not Avro JSON of the ModelSpec "
                    + "schema: " + e.getMessage());
        }
    }

    private static ModelSpec read(String json, Schema writer) throws IOException {
        return new SpecificDatumReader<ModelSpec>(writer, ModelSpec.getClassSchema()).read(null,
                DecoderFactory.get().jsonDecoder(writer, json));
    }

    public static ModelSpec read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the spec file " + file + ": " + e);
        }
    }
}
