package io.policystreams.replay.log;

import io.policystreams.schemas.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Steps from Avro object container files (as {@code export} writes them), file after file, in file order. Files
 * written with an older Step schema are read through Avro's schema resolution.
 */
public final class ContainerFileStepLog implements StepLog {

    private final List<Path> files;
    private final long totalBytes;
    private long bytesBefore;
    private int fileIndex = -1;
    private DataFileReader<Step> reader;
    private long recordIndex;

    public ContainerFileStepLog(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("give at least one file of recorded steps");
        }
        this.files = List.copyOf(files);
        long bytes = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            bytes += size(file);
        }
        this.totalBytes = bytes;
    }

    @Override
    public LoggedStep next() {
        try {
            while (reader == null || !reader.hasNext()) {
                if (!openNextFile()) {
                    return null;
                }
            }
            Step step = reader.next();
            String position = files.get(fileIndex).getFileName() + "#" + recordIndex++;
            return LoggedStep.decoded(step.getEpisodeId(), step, step.getEventTime().toEpochMilli(), position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.get(fileIndex), e);
        }
    }

    private boolean openNextFile() throws IOException {
        if (reader != null) {
            bytesBefore += size(files.get(fileIndex));
            reader.close();
            reader = null;
        }
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        recordIndex = 0;
        reader = new DataFileReader<>(files.get(fileIndex).toFile(), new SpecificDatumReader<>(Step.class));
        return true;
    }

    @Override
    public double progress() {
        if (totalBytes == 0) {
            return 1.0;
        }
        long within = reader == null ? 0 : reader.previousSync();
        return Math.min(1.0, (double) (bytesBefore + within) / totalBytes);
    }

    @Override
    public String description() {
        return "files " + files;
    }

    /** The metadata entry {@code key} of a file's header, or null. */
    public static String metadata(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try (DataFileReader<Step> header = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Step.class))) {
            return header.getMetaString(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
