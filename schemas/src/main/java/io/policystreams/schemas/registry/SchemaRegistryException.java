package io.policystreams.schemas.registry;

/**
 * An error the registry answered with, carrying Confluent's error code (40401 subject not found, 40402 version
 * not found, 40403 schema not found, 40404-40408 deletes and subject configuration, 409 incompatible schema,
 * 42201-42203 invalid schema, version or level, 50001-50003 server errors), or a failure to reach it (error code
 * -1). {@link #httpStatus()} is the status Confluent's server answers it with.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    public static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
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

    /** The HTTP status of the error code: its first three digits (409 stays 409). */
    public int httpStatus() {
        return errorCode >= 10_000 ? errorCode / 100 : errorCode > 0 ? errorCode : 500;
    }

    /** Confluent's error code, or {@link #UNREACHABLE}. */
    public int errorCode() {
        return errorCode;
    }
}
