package io.policystreams.app.upgrade;

import io.policystreams.app.config.AppConfig;
import io.policystreams.app.topology.LearningTopology;
import io.policystreams.client.GrouplessConsumers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a stopped learner's state to a new {@code application.id}, so that a release that changes the topology,
 * or a change of learner.partitions, keeps every model where it was: same version, parameters, optimiser state,
 * counters, pending batch and half-assembled episodes.
 *
 * <p>Kafka Streams keeps the state in its internal topics: each store's changelog and each repartition topic,
 * named after the application id. For every internal topic of the new topology that the old application also
 * has, this copies what a restarting instance would read (a changelog whole, a repartition topic from the old
 * group's committed offset), read_committed, to the new application's topic, which it creates with the old one's
 * configuration and the new topology's partitions. It then gives the new group the old group's committed offsets
 * on the steps and models topics. Started on that, the new learner restores its stores and goes on as the old one
 * would have: the next snapshot of each model is its next version.
 *
 * <p>When a topic's partitions change, a record goes to the partition its key's id selects, as Kafka's default
 * partitioner does for the repartition topics and for keyed steps: murmur2 of the key's bytes up to the first
 * NUL (store keys are an id, or an id, NUL and a suffix; ids cannot contain NUL).
 */
public final class ApplicationUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationUpgrade.class);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);

    /** A precondition that does not hold: nothing was created or copied. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** What was moved: one Markdown table row per internal topic or offset. */
    public record Report(List<String> rows) {
    }

    private final AppConfig target;
    private final String from;
    private final String to;

    /** Moves application {@code from}'s state to the application {@code target} configures. */
    public ApplicationUpgrade(AppConfig target, String from) {
        this.target = target;
        this.from = from;
        this.to = target.getString(AppConfig.APPLICATION_ID);
        if (from.equals(to)) {
            throw new ConfigException("the new application.id must differ from the old one (" + from + "): Kafka "
                    + "Streams names the internal topics after it");
        }
    }

    public Report run() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(target.clientConfigs());
             KafkaConsumer<byte[], byte[]> consumer = consumer();
             KafkaProducer<byte[], byte[]> producer = producer()) {
            requireStopped(admin);
            TopologyDescription topology = LearningTopology.describe(target);
            Set<String> sources = InternalTopic.sourceTopics(topology);
            Map<String, TopicDescription> sourceTopics = admin.describeTopics(sources).allTopicNames().get();
            List<InternalTopic> internal = InternalTopic.of(topology,
                    topic -> sourceTopics.get(topic).partitions().size(), target.getInt(AppConfig.LEARNER_PARTITIONS));
            requireUnused(admin, internal);
            Map<InternalTopic, TopicDescription> carried = existing(admin, internal);
            awaitSettledTransactions(admin, carried.values());
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin);

            createTopics(admin, carried);
            List<String> rows = new ArrayList<>();
            for (Map.Entry<InternalTopic, TopicDescription> entry : carried.entrySet()) {
                rows.add(copy(consumer, producer, entry.getKey(), entry.getValue().partitions().size(), committed));
            }
            producer.flush();
            for (InternalTopic topic : internal) {
                if (!carried.containsKey(topic)) {
                    rows.add(row(topic.name(to), topic.kind(), "none", topic.partitions(), "new in this topology: "
                            + "starts empty"));
                }
            }
            Set<String> carriedNames = carried.keySet().stream().map(topic -> topic.name(from))
                    .collect(Collectors.toSet());
            admin.listTopics().names().get().stream().sorted()
                    .filter(name -> name.startsWith(from + "-") && !name.startsWith(to + "-"))
                    .filter(name -> !carriedNames.contains(name))
                    .filter(name -> name.endsWith("-changelog") || name.endsWith("-repartition"))
                    .forEach(name -> rows.add("| " + name + " | | | | not in this topology: left as it is |"));
            Map<TopicPartition, OffsetAndMetadata> moved = committed.entrySet().stream()
                    .filter(offset -> sources.contains(offset.getKey().topic()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            admin.alterConsumerGroupOffsets(to, moved).all().get();
            moved.forEach((partition, offset) -> rows.add("| " + partition + " | offset of group " + to
                    + " | | | " + offset.offset() + " |"));
            return new Report(rows);
        }
    }

    /**
     * Refuses while the old application has members. A learner stopped with SIGTERM leaves at once; a killed one
     * stays a member until its session times out (consumer session.timeout.ms, 45 s by default), so members get
     * {@link #SETTLE_TIMEOUT} to leave.
     */
    private void requireStopped(Admin admin) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(from)).all().get().get(from);
            if (group.members().isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new Refused("application " + from + " still runs (" + group.members().size()
                        + " members in its group after " + SETTLE_TIMEOUT.toSeconds() + " s): stop every instance "
                        + "of it first");
            }
            LOG.info("waiting for the {} members of application {} to leave its group (an instance that was "
                    + "killed leaves when its session times out: session.timeout.ms)", group.members().size(), from);
            TimeUnit.SECONDS.sleep(2);
        }
    }

    /** The old group's committed offsets, once no transaction of it is pending. */
    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(from,
                new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
        if (committed.isEmpty()) {
            throw new Refused("application " + from + " has no committed offsets: there is nothing to "
                    + "upgrade from (is the old application.id right?)");
        }
        return committed;
    }

    private Map<InternalTopic, TopicDescription> existing(Admin admin, List<InternalTopic> internal)
            throws ExecutionException, InterruptedException {
        Set<String> names = admin.listTopics().names().get();
        List<InternalTopic> present = internal.stream().filter(topic -> names.contains(topic.name(from))).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream()
                .map(topic -> topic.name(from)).toList()).allTopicNames().get();
        Map<InternalTopic, TopicDescription> existing = new LinkedHashMap<>();
        present.forEach(topic -> existing.put(topic, descriptions.get(topic.name(from))));
        return existing;
    }

    private void requireUnused(Admin admin, List<InternalTopic> internal) throws ExecutionException,
            InterruptedException {
        if (!admin.listConsumerGroupOffsets(to).partitionsToOffsetAndMetadata().get().isEmpty()) {
            throw new Refused("application " + to + " already has committed offsets: it has run, or "
                    + "was upgraded into; choose a new application.id");
        }
        Set<String> names = admin.listTopics().names().get();
        for (InternalTopic topic : internal) {
            if (names.contains(topic.name(to))) {
                throw new Refused("topic " + topic.name(to) + " exists already: application " + to
                        + " has run, or was upgraded into; choose a new application.id");
            }
        }
    }

    /**
     * Waits until no transaction of the stopped learner is open on its internal topics (a killed learner's are
     * aborted after its transaction.timeout.ms): until their last stable offsets are their ends, so that what is
     * read committed is all there will be.
     */
    private static void awaitSettledTransactions(Admin admin, Iterable<TopicDescription> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicDescription topic : topics) {
            topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!endOffsets(admin, ends, IsolationLevel.READ_COMMITTED)
                .equals(endOffsets(admin, ends, IsolationLevel.READ_UNCOMMITTED))) {
            if (System.nanoTime() > deadline) {
                throw new Refused("transactions on " + ends.keySet() + " stayed open for "
                        + SETTLE_TIMEOUT.toSeconds() + " s: is an instance of the old application still running?");
            }
            LOG.info("waiting for the stopped learner's open transactions to be aborted (transaction.timeout.ms)");
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Map<TopicPartition, OffsetSpec> ends,
                                                        IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(ends, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, offset -> offset.getValue().offset()));
    }

    private void createTopics(Admin admin, Map<InternalTopic, TopicDescription> carried)
            throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = carried.keySet().stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name(from))).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        int replication = target.getInt(AppConfig.REPLICATION_FACTOR);
        List<NewTopic> created = new ArrayList<>();
        for (Map.Entry<InternalTopic, TopicDescription> entry : carried.entrySet()) {
            InternalTopic topic = entry.getKey();
            Map<String, String> own = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name(from)))
                    .entries().stream().filter(c -> c.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
            short replicas = (short) (replication > 0 ? replication
                    : entry.getValue().partitions().get(0).replicas().size());
            created.add(new NewTopic(topic.name(to), Optional.of(topic.partitions()), Optional.of(replicas))
                    .configs(own));
        }
        admin.createTopics(created).all().get();
    }

    /**
     * Copies one internal topic, read_committed: a changelog from its start, a repartition topic from the old
     * group's committed offset; keys, values, timestamps and headers as they are.
     */
    private String copy(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                        InternalTopic topic, int oldPartitions, Map<TopicPartition, OffsetAndMetadata> committed)
            throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < oldPartitions; p++) {
            partitions.add(new TopicPartition(topic.name(from), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        if (topic.kind() == InternalTopic.Kind.REPARTITION) {
            partitions.stream().filter(committed::containsKey)
                    .forEach(partition -> consumer.seek(partition, committed.get(partition).offset()));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + COPY_TIMEOUT.toNanos();
        long records = 0;
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("copying " + topic.name(from) + " took longer than " + COPY_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                int partition = oldPartitions == topic.partitions() ? record.partition()
                        : partitionOfId(record.key(), topic.partitions());
                producer.send(new ProducerRecord<>(topic.name(to), partition, record.timestamp(), record.key(),
                        record.value(), record.headers()));
                records++;
            }
        }
        return row(topic.name(from) + " → " + topic.name(to), topic.kind(), Integer.toString(oldPartitions),
                topic.partitions(), records + " records copied");
    }

    /** Kafka's default partitioner applied to the id a key starts with: murmur2 of its bytes up to the first NUL. */
    static int partitionOfId(byte[] key, int partitions) {
        int length = 0;
        while (length < key.length && key[length] != 0) {
            length++;
        }
        byte[] id = length == key.length ? key : Arrays.copyOf(key, length);
        return Utils.toPositive(Utils.murmur2(id)) % partitions;
    }

    private static String row(String topic, InternalTopic.Kind kind, String oldPartitions, int newPartitions,
                              String what) {
        return "| " + topic + " | " + kind.name().toLowerCase() + " | " + oldPartitions + " | " + newPartitions
                + " | " + what + " |";
    }

    /** A consumer without a group, reading committed records. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(GrouplessConsumers.configs(target.clientConfigs(), "upgrade"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> configs = new HashMap<>(target.clientConfigs());
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, target.largestRecordBytes());
        return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
