package io.policystreams.app.errors;

import io.policystreams.schemas.serde.RegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's fault that is not a bad record does (bad records never get here: the dead-letter
 * handlers and the processors' rules take them). A schema registry that cannot be reached replaces the thread,
 * which resumes from the last committed offset and so retries the same record until the registry is back;
 * anything else shuts the client down, and {@code PolicyStreamsApp} exits non-zero so that a supervisor restarts
 * it. A learner never sits alive in ERROR.
 */
public final class FaultResponse implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FaultResponse.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (causedByUnreachableRegistry(exception)) {
            LOG.warn("the schema registry cannot be reached; replacing the stream thread, which retries from the "
                    + "last committed offset: {}", exception.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("fatal fault, shutting the learner down so that it exits and is restarted", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    static boolean causedByUnreachableRegistry(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
