package io.policystreams.deploy;

import static io.policystreams.deploy.Manifests.DEPLOY;
import static io.policystreams.deploy.Manifests.KUBERNETES;
import static io.policystreams.deploy.Manifests.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.policystreams.app.Readiness;
import io.policystreams.app.config.AppConfig;
import io.policystreams.app.topic.Topics;
import io.policystreams.client.ClientConfig;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code deploy/kubernetes} are valid resources of Kubernetes' and Strimzi's models, the
 * kustomization applies all of them, and they agree with the settings files: the topics are those the learner
 * creates itself, each program runs as its principal with its settings file, the learner's volume holds its
 * {@code state.dir}, its probes are the endpoints it serves, and Prometheus finds every metrics port.
 */
class KubernetesManifestsTest {

    private static final Path LEARNER_SETTINGS = DEPLOY.resolve("policy-streams.properties");
    private static final Pattern JAAS_USER = Pattern.compile("username=\"([^\"]+)\"");
    private static List<HasMetadata> resources;
    private static JsonNode kustomization;

    @BeforeAll
    static void read() throws IOException {
        resources = Manifests.resources();
        kustomization = Manifests.YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
    }

    @Test
    void everyDocumentIsAResourceOfItsModel() {
        Map<String, Long> kinds = resources.stream().collect(Collectors.groupingBy(HasMetadata::getKind,
                TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("Deployment", 2L, "KafkaTopic", 7L, "KafkaUser", 3L, "Service", 3L, "ServiceMonitor", 1L,
                "StatefulSet", 1L), kinds);
    }

    @Test
    void aFieldTheModelDoesNotHaveFailsTheRead() throws IOException {
        Path misspelt = Files.createTempFile("misspelt-", ".yaml");
        try {
            Files.writeString(misspelt, Files.readString(KUBERNETES.resolve("learner.yaml"))
                    .replace("podManagementPolicy:", "podManagmentPolicy:"));
            IOException failed = assertThrows(IOException.class, () -> Manifests.read(misspelt));
            assertTrue(failed.getMessage().contains("podManagmentPolicy"), failed.getMessage());
        } finally {
            Files.delete(misspelt);
        }
    }

    @Test
    void theTopicsAreThoseTheLearnerCreatesFromItsSettings() {
        AppConfig config = new AppConfig(ClientConfig.settings(LEARNER_SETTINGS, Map.of(), Map.of()));
        Map<String, String> created = new TreeMap<>();
        for (NewTopic topic : Topics.from(config).newTopics(config)) {
            created.put(topic.name(), topic.numPartitions() + " partitions, " + topic.replicationFactor()
                    + " replicas, " + new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs()));
        }
        Map<String, String> declared = new TreeMap<>();
        for (KafkaTopic topic : ofType(resources, KafkaTopic.class)) {
            Map<String, String> configs = new TreeMap<>();
            if (topic.getSpec().getConfig() != null) {
                topic.getSpec().getConfig().forEach((key, value) -> configs.put(key, String.valueOf(value)));
            }
            declared.put(topic.getMetadata().getName(), topic.getSpec().getPartitions() + " partitions, "
                    + topic.getSpec().getReplicas() + " replicas, " + configs);
        }
        assertEquals(created, declared);
    }

    @Test
    void theKustomizationAppliesEveryManifestAndGeneratesEverySettingsMap() throws IOException {
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        assertEquals(Manifests.files().stream().map(file -> "kubernetes/" + file.getFileName())
                .collect(Collectors.toCollection(TreeSet::new)), listed);

        Set<String> generated = new TreeSet<>();
        for (JsonNode map : kustomization.path("configMapGenerator")) {
            generated.add(map.path("name").asText());
            map.path("files").forEach(file -> assertTrue(Files.isRegularFile(DEPLOY.resolve(file.asText())),
                    file.asText()));
        }
        Set<String> used = new TreeSet<>();
        for (PodSpec pod : pods()) {
            pod.getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
                    .forEach(volume -> used.add(volume.getConfigMap().getName()));
        }
        assertEquals(generated, used);

        JsonNode image = kustomization.path("images").get(0);
        assertEquals(System.getProperty("project.version"), image.path("newTag").asText());
        for (PodSpec pod : pods()) {
            pod.getContainers().forEach(container -> assertEquals(image.path("name").asText(), container.getImage()));
        }
    }

    @Test
    void theLearnerKeepsItsStateOnItsVolumeAndIsReadyWhenKafkaStreamsRuns() {
        Map<String, Object> settings = ClientConfig.settings(LEARNER_SETTINGS, Map.of(), Map.of());
        StatefulSet learner = ofType(resources, StatefulSet.class).get(0);
        PodSpec pod = learner.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertEquals("state", learner.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals(settings.get("state.dir"), mountPath(container, "state"));
        assertEquals(List.of("app", "--config", settingsFile(pod, container, "policy-streams-learner")),
                container.getArgs());
        int httpPort = Integer.parseInt((String) settings.get("http.port"));
        assertEquals(httpPort, container.getPorts().stream().filter(port -> port.getName().equals("http"))
                .findFirst().orElseThrow().getContainerPort());
        assertEquals(Readiness.PATH, container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/-/healthy", container.getLivenessProbe().getHttpGet().getPath());
        assertTrue(pod.getTerminationGracePeriodSeconds() > 30,
                "longer than the learner's 30 s to close: " + pod.getTerminationGracePeriodSeconds());
        assertRunsAs(pod, container, settings, "policy-streams-learner");
    }

    @Test
    void theActorsRunAsTheActorPrincipalWithItsSettings() {
        Map<String, Object> settings = ClientConfig.settings(DEPLOY.resolve("security/actor.properties"), Map.of(),
                Map.of());
        List<Deployment> actors = ofType(resources, Deployment.class);
        assertEquals(List.of("simulate", "serve"), actors.stream().map(actor -> actor.getSpec().getTemplate()
                .getSpec().getContainers().get(0).getArgs().get(0)).toList());
        for (Deployment actor : actors) {
            PodSpec pod = actor.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertEquals(List.of("--config", settingsFile(pod, container, "policy-streams-actor")),
                    container.getArgs().subList(1, 3));
            assertRunsAs(pod, container, settings, "policy-streams-actor");
        }
    }

    @Test
    void prometheusScrapesTheMetricsPortOfEveryService() {
        ServiceMonitor monitor = ofType(resources, ServiceMonitor.class).get(0);
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        List<Service> services = ofType(resources, Service.class);
        for (Service service : services) {
            assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                    service.getMetadata().getName());
            List<String> ports = service.getSpec().getPorts().stream().map(ServicePort::getName).toList();
            assertTrue(ports.contains(monitor.getSpec().getEndpoints().get(0).getPort()),
                    service.getMetadata().getName() + " " + ports);
        }
        assertEquals(Set.of("learner", "simulator", "act"), services.stream()
                .map(service -> service.getMetadata().getLabels().get("app.kubernetes.io/component"))
                .collect(Collectors.toSet()));
    }

    /**
     * The container logs in as the KafkaUser named in its settings file, whose Secret it reads the JAAS line from,
     * and trusts the cluster CA mounted where its settings say.
     */
    private static void assertRunsAs(PodSpec pod, Container container, Map<String, Object> settings, String user) {
        Matcher named = JAAS_USER.matcher((String) settings.get("sasl.jaas.config"));
        assertTrue(named.find());
        assertEquals(user, named.group(1));
        assertTrue(ofType(resources, KafkaUser.class).stream().anyMatch(u -> u.getMetadata().getName().equals(user)));
        assertEquals(user, secretOf(container, "POLICY_STREAMS_SASL_JAAS_CONFIG"));
        assertEquals("policy-streams-cluster-ca-cert", secretOf(container, "POLICY_STREAMS_SSL_TRUSTSTORE_PASSWORD"));
        Volume ca = pod.getVolumes().stream().filter(volume -> volume.getName().equals("cluster-ca")).findFirst()
                .orElseThrow();
        assertEquals("policy-streams-cluster-ca-cert", ca.getSecret().getSecretName());
        assertEquals(settings.get("ssl.truststore.location"), mountPath(container, "cluster-ca") + "/"
                + ca.getSecret().getItems().get(0).getPath());
    }

    /** The settings file the container reads: the file of its ConfigMap {@code map}, where that is mounted. */
    private static String settingsFile(PodSpec pod, Container container, String map) {
        Volume settings = pod.getVolumes().stream().filter(volume -> volume.getConfigMap() != null
                && volume.getConfigMap().getName().equals(map)).findFirst().orElseThrow();
        String file = null;
        for (JsonNode generated : kustomization.path("configMapGenerator")) {
            if (generated.path("name").asText().equals(map)) {
                file = Path.of(generated.path("files").get(0).asText()).getFileName().toString();
            }
        }
        return mountPath(container, settings.getName()) + "/" + file;
    }

    private static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(mount -> mount.getName().equals(volume))
                .map(VolumeMount::getMountPath).findFirst().orElseThrow(() -> new AssertionError(volume));
    }

    private static String secretOf(Container container, String variable) {
        EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(variable));
        return env.getValueFrom().getSecretKeyRef().getName();
    }

    private static List<PodSpec> pods() {
        List<PodSpec> pods = new ArrayList<>();
        ofType(resources, StatefulSet.class).forEach(set -> pods.add(set.getSpec().getTemplate().getSpec()));
        ofType(resources, Deployment.class).forEach(set -> pods.add(set.getSpec().getTemplate().getSpec()));
        return pods;
    }
}
