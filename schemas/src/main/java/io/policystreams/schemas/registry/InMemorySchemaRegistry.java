package io.policystreams.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry in memory with Confluent's semantics: global ids shared across subjects, numbered versions per
 * subject, soft and permanent deletes, and compatibility levels set globally and per subject (BACKWARD by
 * default: a new version must read data written with the latest one). Selected by {@code mock://<scope>} URLs
 * (see {@link SchemaRegistries}); the store behind {@link ConfluentRegistryApi}, the dev cluster's registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** Confluent's compatibility levels. */
    public static final Set<String> LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

    /** One version of a subject. */
    public record Version(String subject, int version, int id, Schema schema, boolean deleted) {
    }

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<String, String> subjectLevels = new HashMap<>();
    private String globalLevel = "BACKWARD";

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (Version version : live(versions)) {
            if (version.schema().equals(schema)) {
                return version.id();
            }
        }
        if (!compatible(level(subject), schema, live(versions))) {
            throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\" (compatibility " + level(subject) + ")");
        }
        int id = idsByText.computeIfAbsent(schema.toString(), text -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        int number = versions.stream().mapToInt(Version::version).max().orElse(0) + 1;
        versions.add(new Version(subject, number, id, schema, false));
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        return lookup(subject, schema, false).id();
    }

    /** The version of the subject that holds {@code schema}; soft-deleted ones too if asked. */
    public synchronized Version lookup(String subject, Schema schema, boolean includeDeleted) {
        for (Version version : versionsOf(subject, includeDeleted)) {
            if (version.schema().equals(schema)) {
                return version;
            }
        }
        throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return isCompatible(subject, schema, "latest");
    }

    /**
     * Whether {@code schema} may follow the subject's versions by its level: against {@code version} alone
     * ({@code latest} or a number) for a non-transitive level, against all of them for a transitive one.
     */
    public synchronized boolean isCompatible(String subject, Schema schema, String version) {
        Version against = version(subject, version);
        String level = level(subject);
        return compatible(level, schema, level.endsWith("_TRANSITIVE") ? live(subjects.get(subject))
                : List.of(against));
    }

    /** The subjects with a live version, or every subject ever registered. */
    public synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream().filter(e -> includeDeleted || !live(e.getValue()).isEmpty())
                .map(Map.Entry::getKey).toList();
    }

    /** The subject's version numbers, oldest first. */
    public synchronized List<Integer> versionNumbers(String subject, boolean includeDeleted) {
        return versionsOf(subject, includeDeleted).stream().map(Version::version).toList();
    }

    /** The subject's live schemas, oldest first; empty if none. */
    public synchronized List<Schema> versions(String subject) {
        return live(subjects.getOrDefault(subject, List.of())).stream().map(Version::schema).toList();
    }

    /** A version by number or {@code latest} (the newest live one). */
    public synchronized Version version(String subject, String version) {
        List<Version> versions = versionsOf(subject, false);
        if (version.equals("latest") || version.equals("-1")) {
            if (versions.isEmpty()) {
                throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, "Version not found.");
            }
            return versions.get(versions.size() - 1);
        }
        int number = versionNumber(version);
        return versions.stream().filter(v -> v.version() == number).findFirst().orElseThrow(() ->
                new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, "Version " + number
                        + " not found."));
    }

    /** Where a schema id is registered: (subject, version) of every live version with it. */
    public synchronized List<Version> versionsOfId(int id) {
        schemaById(id);
        return subjects.values().stream().flatMap(List::stream).filter(v -> v.id() == id && !v.deleted())
                .toList();
    }

    /**
     * Deletes the subject's versions: soft (they stay, hidden) or, once soft-deleted, permanently. Returns the
     * version numbers deleted.
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> versions = versionsOf(subject, true);
        if (permanent) {
            if (!live(versions).isEmpty()) {
                throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED, "Subject '"
                        + subject + "' was not deleted first before being permanently deleted");
            }
            subjects.remove(subject);
            subjectLevels.remove(subject);
            return versions.stream().map(Version::version).toList();
        }
        if (live(versions).isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
        }
        List<Integer> deleted = live(versions).stream().map(Version::version).toList();
        subjects.put(subject, new ArrayList<>(versions.stream().map(v -> new Version(v.subject(), v.version(),
                v.id(), v.schema(), true)).toList()));
        return deleted;
    }

    /** Deletes one version, soft or (once soft-deleted) permanently; returns its number. */
    public synchronized int deleteVersion(String subject, String version, boolean permanent) {
        List<Version> versions = subjects.get(subject);
        if (versions == null) {
            throw subjectNotFound(subject);
        }
        Version target = permanent && !version.equals("latest")
                ? versions.stream().filter(v -> v.version() == versionNumber(version)).findFirst().orElseThrow(() ->
                        new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, "Version not found."))
                : version(subject, version);
        if (permanent && !target.deleted()) {
            throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_SOFT_DELETED, "Subject '"
                    + subject + "' Version " + target.version() + " was not deleted first before being permanently "
                    + "deleted");
        }
        versions.remove(target);
        if (!permanent) {
            versions.add(new Version(subject, target.version(), target.id(), target.schema(), true));
            versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        }
        return target.version();
    }

    /** The global compatibility level. */
    public synchronized String globalLevel() {
        return globalLevel;
    }

    public synchronized void setGlobalLevel(String level) {
        globalLevel = validLevel(level);
    }

    /** The subject's own level, or null when it follows the global one. */
    public synchronized String subjectLevel(String subject) {
        return subjectLevels.get(subject);
    }

    public synchronized void setSubjectLevel(String subject, String level) {
        subjectLevels.put(subject, validLevel(level));
    }

    /** Makes the subject follow the global level again; returns the level it had, or null. */
    public synchronized String clearSubjectLevel(String subject) {
        return subjectLevels.remove(subject);
    }

    private String level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private static String validLevel(String level) {
        if (level == null || !LEVELS.contains(level)) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level " + level + "; valid: " + LEVELS);
        }
        return level;
    }

    private static int versionNumber(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION, "The specified version '"
                + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "
                + "\"latest\"");
    }

    private List<Version> versionsOf(String subject, boolean includeDeleted) {
        List<Version> versions = subjects.get(subject);
        if (versions == null || (!includeDeleted && live(versions).isEmpty())) {
            throw subjectNotFound(subject);
        }
        return includeDeleted ? List.copyOf(versions) : live(versions);
    }

    private static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' not found.");
    }

    private static List<Version> live(List<Version> versions) {
        return versions.stream().filter(v -> !v.deleted()).toList();
    }

    /** Whether {@code schema} may follow {@code against} (oldest first) under {@code level}. */
    private static boolean compatible(String level, Schema schema, List<Version> against) {
        if (against.isEmpty() || level.equals("NONE")) {
            return true;
        }
        List<Version> checked = level.endsWith("_TRANSITIVE") ? against : List.of(against.get(against.size() - 1));
        boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
        boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
        return checked.stream().allMatch(old -> (!backward || reads(schema, old.schema()))
                && (!forward || reads(old.schema(), schema)));
    }

    private static boolean reads(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
