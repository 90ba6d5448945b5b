package io.policystreams.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record whose every length is bounded by the record's own size. Avro's
 * {@link BinaryDecoder} allocates what a length prefix claims before it reads the items, so a few bytes claiming
 * 2^31 array items or a 2 GB string exhaust any heap. Here a string or bytes length above the record's size, or
 * more collection items in total than the record has bytes, is a {@link MalformedRecordException} before anything
 * is allocated. (Every item of our schemas takes at least one byte; a foreign writer schema of nulls still gets
 * no more items than the record has bytes.) Bytes left over after the record are rejected by {@link #requireEnd}.
 *
 * <p>Written by hand because Avro's own limits ({@code org.apache.avro.limits.*} system properties) are
 * JVM-wide constants, not a bound per record.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final long recordBytes;
    private long itemsLeft;

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}. Not modified: bytes. */
    BoundedDecoder(byte[] bytes, int offset, int length) {
        this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        this.recordBytes = length;
        this.itemsLeft = length;
    }

    /** Throws unless the record was read to its last byte. */
    void requireEnd() throws IOException {
        if (!in.isEnd()) {
            throw new MalformedRecordException("trailing bytes after the Avro record (" + recordBytes
                    + " bytes in all)");
        }
    }

    private int length(long claimed, String what) {
        if (claimed < 0 || claimed > recordBytes) {
            throw new MalformedRecordException(what + " length " + claimed + " is impossible in a record of "
                    + recordBytes + " bytes");
        }
        return (int) claimed;
    }

    private long items(long claimed) {
        if (claimed < 0 || claimed > itemsLeft) {
            throw new MalformedRecordException("a collection claims " + claimed + " items, more than the "
                    + recordBytes + "-byte record can hold");
        }
        itemsLeft -= claimed;
        return claimed;
    }

    private byte[] lengthPrefixed(String what) throws IOException {
        byte[] bytes = new byte[length(in.readLong(), what)];
        in.readFixed(bytes);
        return bytes;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        return new Utf8(lengthPrefixed("string"));
    }

    @Override
    public String readString() throws IOException {
        return new String(lengthPrefixed("string"), StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return ByteBuffer.wrap(lengthPrefixed("bytes"));
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(length(in.readLong(), "string"));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(length(in.readLong(), "bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public long readArrayStart() throws IOException {
        return items(in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return items(in.arrayNext());
    }

    @Override
    public long skipArray() throws IOException {
        return items(in.skipArray());
    }

    @Override
    public long readMapStart() throws IOException {
        return items(in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return items(in.mapNext());
    }

    @Override
    public long skipMap() throws IOException {
        return items(in.skipMap());
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
