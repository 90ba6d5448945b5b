package io.policystreams.app.upgrade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.TopologyDescription;

/**
 * One of Kafka Streams' internal topics of a topology: a store's changelog
 * ({@code <application.id>-<store>-changelog}) or a repartition topic ({@code <application.id>-<name>-repartition}),
 * with the partitions the topology gives it.
 *
 * @param suffix the name after {@code <application.id>-}
 */
record InternalTopic(String suffix, Kind kind, int partitions) {

    enum Kind { CHANGELOG, REPARTITION }

    private static final String REPARTITION_SUFFIX = "-repartition";

    String name(String applicationId) {
        return applicationId + "-" + suffix;
    }

    /**
     * The internal topics of {@code topology}. A sub-topology's tasks, and so its changelogs, have as many
     * partitions as its external source topics ({@code sourcePartitions}), or, when it reads only repartition
     * topics, as those ({@code repartitionPartitions}: every repartition of this application is by model id, over
     * learner.partitions). A topic that the topology both writes and reads under Kafka Streams' repartition name
     * ({@code <name>-repartition}) is a repartition topic; one it writes and reads under any other name (the steps
     * topic, which the reward joiner writes) is external.
     */
    static List<InternalTopic> of(TopologyDescription topology, ToIntFunction<String> sourcePartitions,
                                  int repartitionPartitions) {
        Set<String> repartitions = repartitionTopics(topology);
        List<InternalTopic> topics = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            Set<String> external = new TreeSet<>();
            Set<String> stores = new TreeSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    for (String topic : source.topicSet()) {
                        if (repartitions.contains(topic)) {
                            topics.add(new InternalTopic(topic, Kind.REPARTITION, repartitionPartitions));
                        } else {
                            external.add(topic);
                        }
                    }
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            int partitions = external.isEmpty() ? repartitionPartitions
                    : external.stream().mapToInt(sourcePartitions).max().orElseThrow();
            for (String store : stores) {
                topics.add(new InternalTopic(store + "-changelog", Kind.CHANGELOG, partitions));
            }
        }
        return topics;
    }

    /** The external topics that {@code topology}'s tasks read with the application's consumer group. */
    static Set<String> sourceTopics(TopologyDescription topology) {
        Set<String> sources = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                }
            }
        }
        sources.removeAll(repartitionTopics(topology));
        return sources;
    }

    /** The topics {@code topology} writes and reads under Kafka Streams' repartition names. */
    private static Set<String> repartitionTopics(TopologyDescription topology) {
        Set<String> written = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null
                        && sink.topic().endsWith(REPARTITION_SUFFIX)) {
                    written.add(sink.topic());
                }
            }
        }
        return written;
    }
}
