package io.policystreams.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of {@code deploy/}, read as Kubernetes reads them: every document of {@code deploy/kubernetes/*.yaml}
 * bound to its class in Kubernetes' API model (fabric8) or Strimzi's, strictly: a field that the model does not
 * have, or a value of the wrong type, fails the read (the models otherwise keep unknown fields aside).
 */
final class Manifests {

    /** {@code deploy/}: the module's own directory, where Maven runs its tests. */
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    /** The class of each (apiVersion, kind) the manifests may hold. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private Manifests() {
    }

    /** The YAML files of {@code deploy/kubernetes}, by name. */
    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Every document of every file, bound strictly to its model class. */
    static List<HasMetadata> resources() throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (Path file : files()) {
            resources.addAll(read(file));
        }
        return resources;
    }

    /** The documents of {@code file}, bound strictly; the message names the file and the document that fails. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode document : YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
            String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model == null) {
                throw new IllegalArgumentException(file.getFileName() + ": no model for " + type);
            }
            try {
                resources.add(STRICT.treeToValue(document, model));
            } catch (IOException e) {
                throw new IOException(file.getFileName() + ", " + type + " "
                        + document.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
            }
        }
        return resources;
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * A KafkaUser's ACLs as kafka-acls.sh lists them: "resource type:pattern type:name:operation", in Kafka's
     * names (TOPIC:LITERAL:steps:READ; Strimzi's "prefix" is Kafka's PREFIXED).
     */
    static Set<String> acls(KafkaUser user) {
        Set<String> acls = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            String resource;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                resource = "TOPIC:" + pattern(topic.getPatternType()) + ":" + topic.getName();
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                resource = "GROUP:" + pattern(group.getPatternType()) + ":" + group.getName();
            } else if (rule.getResource() instanceof AclRuleTransactionalIdResource id) {
                resource = "TRANSACTIONAL_ID:" + pattern(id.getPatternType()) + ":" + id.getName();
            } else {
                throw new IllegalArgumentException("an ACL on " + rule.getResource());
            }
            rule.getOperations().forEach(operation -> acls.add(resource + ":" + kafkaName(operation.toValue())));
        }
        return acls;
    }

    private static String pattern(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? "PREFIXED" : "LITERAL";
    }

    /** Strimzi's operation names (DescribeConfigs) as Kafka's (DESCRIBE_CONFIGS). */
    private static String kafkaName(String operation) {
        return operation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
