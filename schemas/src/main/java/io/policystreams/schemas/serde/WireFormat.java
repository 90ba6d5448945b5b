package io.policystreams.schemas.serde;

import java.nio.ByteBuffer;

/** Confluent's Schema Registry wire format: magic byte 0, 4-byte big-endian schema id, Avro binary. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** The schema id in the header; the buffer is left at the first Avro byte. */
    public static int readHeader(ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_LENGTH) {
            throw new MalformedRecordException("record of " + buffer.remaining()
                    + " bytes is shorter than the 5-byte wire-format header");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new MalformedRecordException("unknown magic byte " + magic
                    + ": expected 0 (Confluent Schema Registry wire format)");
        }
        return buffer.getInt();
    }
}
