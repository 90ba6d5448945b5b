package io.policystreams.schemas.registry;

/**
 * An error the registry answered with, carrying Confluent's error code (40401 subject not found, 40403 schema
 * not found, 409 incompatible schema, 42201 invalid schema, 50001-50003 server errors), or a failure to reach
 * it (error code -1).
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int UNREACHABLE = -1;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = UNREACHABLE;
    }

    /** Confluent's error code, or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }
}
