package io.policystreams.commandline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The programs' logging switch: the shipped logback.xml by default, everything with {@code --verbose}. */
public final class Logging {

    /** The flag every program takes ({@link Arguments} accepts it everywhere). */
    public static final String VERBOSE = "--verbose";

    private Logging() {
    }

    /** Every library's INFO lines and the known-benign warnings too ({@link KnownBenignWarnings}). */
    public static void verbose() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().removeIf(KnownBenignWarnings.class::isInstance);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        }
    }

    /**
     * For a program whose console is its interface (the demos): our own log lines from WARN too, so that the
     * screen holds what the program prints. Not after {@link #verbose()}.
     */
    public static void warningsOnly() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel() != Level.INFO) {
            context.getLogger("io.policystreams").setLevel(Level.WARN);
        }
    }
}
