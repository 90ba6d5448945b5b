package io.policystreams.replay;

import io.policystreams.schemas.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** @param where names the text's origin in the error message */
    public static ModelSpec read(String json, String where) {
        try {
            return new SpecificDatumReader<>(ModelSpec.class).read(null,
                    DecoderFactory.get().jsonDecoder(ModelSpec.getClassSchema(), json));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the ModelSpec in " + where + " is not Avro JSON of the ModelSpec "
                    + "schema: " + e.getMessage());
        }
    }

    public static ModelSpec read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the spec file " + file + ": " + e);
        }
    }
}
