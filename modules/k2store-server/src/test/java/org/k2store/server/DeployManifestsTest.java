package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.k2store.server.DeployManifests.at;
import static org.k2store.server.DeployManifests.env;
import static org.k2store.server.DeployManifests.firstContainer;
import static org.k2store.server.DeployManifests.list;
import static org.k2store.server.DeployManifests.map;

import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Subparsers;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.server.auth.AnonymousAccessGuard;
import org.k2store.server.auth.ShippedTokens;
import org.k2store.server.config.TenantConfig;

/**
 * No Docker or Kubernetes runs here, so deploy/ is checked against the code instead: every YAML
 * parses, every K2STORE_* variable is one config.yml reads and the values bind and validate, ports
 * agree with the configuration, probe and scrape paths answer 200 on a real service's admin port,
 * and every command line given to the image is one the application's CLI accepts.
 */
@ExtendWith(CassandraExtension.class)
class DeployManifestsTest {

    private static final Path CONFIG = DeployManifests.ROOT.resolve("config.yml");
    private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\$\\{(K2STORE_[A-Z0-9_]+):-");
    private static final Pattern MENTIONED_VARIABLE = Pattern.compile("\\bK2STORE_[A-Z0-9_]+");
    /** Names the docs use for something other than configuration: the tenant's token in client examples. */
    private static final Set<String> NOT_CONFIGURATION = Set.of("K2STORE_TOKEN");

    private static TestServer server;
    private static Http admin;

    @BeforeAll
    static void start(CassandraEndpoint cassandra) throws Exception {
        server = TestServer.start("tenants.yml", StoreTuning.PRODUCTION, cassandra);
        admin = new Http(server.admin());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Dockerfile dockerfile() {
        return Dockerfile.read(DeployManifests.DEPLOY.resolve("Dockerfile"));
    }

    private static Map<String, Object> compose() {
        return map(DeployManifests.documents(DeployManifests.DEPLOY.resolve("compose/docker-compose.yml")).get(0));
    }

    private static Set<String> configVariables() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = CONFIG_VARIABLE.matcher(DeployManifests.read(CONFIG));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** config.yml bound the way the service binds it, with {@code environment} as the process environment. */
    private static K2StoreConfiguration bind(Map<String, String> environment) throws Exception {
        YamlConfigurationFactory<K2StoreConfiguration> factory = new YamlConfigurationFactory<>(K2StoreConfiguration.class,
                // Not "dw": the running TestServer's overrides are dw.* system properties of this JVM.
                Validators.newValidator(), Jackson.newObjectMapper(), "k2store-deploy-check");
        K2StoreConfiguration config = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new StringSubstitutor(environment)),
                CONFIG.toString());
        config.getCassandra().validate();
        AnonymousAccessGuard.check(config.getAuth().isAllowAnonymousOnLoopback(), config.getServerFactory());
        return config;
    }

    private static int apiPort(K2StoreConfiguration config) {
        return ((HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0)).getPort();
    }

    private static int adminPort(K2StoreConfiguration config) {
        return ((HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getAdminConnectors().get(0)).getPort();
    }

    /** The environment a Kubernetes pod of the Deployment gets: image ENV, then ConfigMap, then Secret. */
    private static Map<String, String> podEnvironment(Map<String, Map<String, Object>> objects) {
        Map<String, String> environment = new HashMap<>(dockerfile().env());
        for (Object source : list(firstContainer(objects.get("Deployment/k2store")).get("envFrom"))) {
            Map<String, Object> from = map(source);
            if (from.containsKey("configMapRef")) {
                String name = (String) map(from.get("configMapRef")).get("name");
                map(objects.get("ConfigMap/" + name).get("data")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
            } else {
                String name = (String) map(from.get("secretRef")).get("name");
                map(objects.get("Secret/" + name).get("stringData")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
            }
        }
        return withContainerEnv(environment, firstContainer(objects.get("Deployment/k2store")));
    }

    /** A container's own env on top: literal values as given, Secret references as a stand-in value. */
    private static Map<String, String> withContainerEnv(Map<String, String> environment, Map<String, Object> container) {
        env(container).forEach((name, value) -> {
            if (value != null) {
                environment.put(name, value);
            }
        });
        DeployManifests.envFromSecrets(container).forEach((name, ref) -> environment.put(name, "from-secret-" + ref.replace('/', '-')));
        return environment;
    }

    /** Applies an overlay's JSON-patch replaces to a copy of the base, as kustomize would. */
    private static Map<String, Map<String, Object>> overlay(String directory) {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        Path kustomization = DeployManifests.DEPLOY.resolve(directory).resolve("kustomization.yaml");
        for (Object entry : list(map(DeployManifests.documents(kustomization).get(0)).get("patches"))) {
            Map<String, Object> patch = map(entry);
            Map<String, Object> target = map(patch.get("target"));
            Map<String, Object> object = objects.get(target.get("kind") + "/" + target.get("name"));
            assertThat(object).as("%s patches %s", kustomization, target).isNotNull();
            for (Object operation : list(DeployManifests.documents((String) patch.get("patch"), kustomization.toString()).get(0))) {
                Map<String, Object> op = map(operation);
                assertThat(op.get("op")).as("only replace is used, so a typo in a path fails here").isEqualTo("replace");
                DeployManifests.replace(object, (String) op.get("path"), op.get("value"));
            }
        }
        return objects;
    }

    // ---- syntax

    @Test
    void everyYamlFileParsesAndEveryKubernetesObjectIsNamed() {
        List<Path> files = DeployManifests.yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            assertThat(DeployManifests.documents(file)).as(file.toString()).isNotEmpty();
        }
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        assertThat(objects.keySet()).contains("Namespace/k2store", "StatefulSet/cassandra", "Service/cassandra",
                "PodDisruptionBudget/cassandra", "ConfigMap/k2store", "Secret/k2store-tenants", "Job/k2store-schema",
                "Deployment/k2store", "Service/k2store", "PodDisruptionBudget/k2store", "HorizontalPodAutoscaler/k2store");
        objects.forEach((key, object) -> assertThat(object.get("apiVersion")).as(key).isNotNull());
    }

    // ---- environment variables and configuration

    @Test
    void everyK2storeVariableNamedInDeployIsOneConfigYmlReads() {
        Set<String> known = configVariables();
        assertThat(known).contains("K2STORE_CASSANDRA_CONTACT_POINTS", "K2STORE_TENANTS", "K2STORE_ADMIN_PORT");
        Map<String, Set<String>> mentioned = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(DeployManifests.yamlFiles());
        files.add(DeployManifests.DEPLOY.resolve("Dockerfile"));
        files.add(DeployManifests.DEPLOY.resolve("README.md"));
        files.add(DeployManifests.ROOT.resolve("README.md"));
        for (Path file : files) {
            Matcher matcher = MENTIONED_VARIABLE.matcher(DeployManifests.read(file));
            while (matcher.find()) {
                mentioned.computeIfAbsent(matcher.group(), name -> new LinkedHashSet<>()).add(DeployManifests.ROOT.relativize(file).toString());
            }
        }
        assertThat(mentioned).isNotEmpty();
        Map<String, Set<String>> unknown = new LinkedHashMap<>(mentioned);
        unknown.keySet().removeAll(known);
        unknown.keySet().removeAll(NOT_CONFIGURATION);
        assertThat(unknown).as("K2STORE_* names that config.yml does not read (name -> files)").isEmpty();
    }

    @Test
    void theKubernetesPodEnvironmentBindsAndValidates() throws Exception {
        K2StoreConfiguration config = bind(podEnvironment(DeployManifests.kubernetesBase()));
        assertThat(config.getCassandra().getContactPoints()).hasSize(3);
        assertThat(config.getCassandra().getReplicationStrategy()).isEqualTo("NetworkTopologyStrategy");
        assertThat(config.getCassandra().getDataCenters()).containsEntry(config.getCassandra().getLocalDatacenter(), 3);
        assertThat(config.getCassandra().isApplySchema()).as("the schema Job migrates, not the pods").isFalse();
        assertThat(config.getAuth().isAllowAnonymousOnLoopback()).isFalse();
        assertThat(config.getAuth().getTenants()).isNotEmpty();
    }

    @Test
    void theComposeReplicasBindAndValidate() throws Exception {
        Map<String, Object> services = map(compose().get("services"));
        StringSubstitutor composeInterpolation = new StringSubstitutor(Map.of()); // compose's ${VAR:-default}, VAR unset
        for (String name : List.of("k2store-1", "k2store-2")) {
            Map<String, String> environment = new HashMap<>(dockerfile().env());
            map(map(services.get(name)).get("environment"))
                    .forEach((key, value) -> environment.put(key, composeInterpolation.replace(String.valueOf(value))));
            K2StoreConfiguration config = bind(environment);
            assertThat(config.getCassandra().getContactPoints()).as(name).hasSize(3)
                    .allSatisfy(point -> assertThat(services).containsKey(point.substring(0, point.indexOf(':'))));
            assertThat(config.getCassandra().getDataCenters()).as(name).containsEntry("dc1", 3);
        }
        assertThat(bind(Map.of()).getCassandra().isApplySchema()).isTrue();
        assertThat(map(map(map(services.get("k2store-2")).get("environment"))).get("K2STORE_CASSANDRA_APPLY_SCHEMA")).isEqualTo("false");
    }

    // ---- ports and paths

    @Test
    void containerPortsProbesAndServicesAgreeWithTheConfiguredPorts() throws Exception {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        K2StoreConfiguration config = bind(podEnvironment(objects));
        Map<String, Object> deployment = objects.get("Deployment/k2store");
        Map<String, Object> container = firstContainer(deployment);
        Map<String, Integer> ports = new HashMap<>();
        list(container.get("ports")).forEach(port -> ports.put((String) map(port).get("name"), (Integer) map(port).get("containerPort")));
        assertThat(ports).containsEntry("api", apiPort(config)).containsEntry("admin", adminPort(config));

        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Object port = at(container, probe + "/httpGet/port");
            assertThat(port instanceof String named ? ports.get(named) : port).as(probe).isEqualTo(adminPort(config));
        }
        Map<String, Object> annotations = map(at(deployment, "spec/template/metadata/annotations"));
        assertThat(annotations.get("prometheus.io/port")).isEqualTo(String.valueOf(adminPort(config)));

        List<Object> servicePorts = list(at(objects.get("Service/k2store"), "spec/ports"));
        assertThat(servicePorts).as("only the API is exposed").singleElement()
                .satisfies(port -> assertThat(ports.get((String) map(port).get("targetPort"))).isEqualTo(apiPort(config)));
        assertThat(map(at(objects.get("Service/k2store"), "spec/selector"))).isEqualTo(map(at(deployment, "spec/selector/matchLabels")));
        assertThat(map(at(objects.get("PodDisruptionBudget/k2store"), "spec/selector/matchLabels")))
                .isEqualTo(map(at(deployment, "spec/selector/matchLabels")));
        assertThat(at(objects.get("HorizontalPodAutoscaler/k2store"), "spec/scaleTargetRef/name")).isEqualTo("k2store");

        Dockerfile image = dockerfile();
        assertThat(image.exposed()).containsExactlyInAnyOrder(apiPort(bind(image.env())), adminPort(bind(image.env())));
        assertThat(image.healthcheck()).contains("http://127.0.0.1:" + adminPort(bind(image.env())) + "/");

        String nginx = DeployManifests.read(DeployManifests.DEPLOY.resolve("compose/nginx.conf"));
        assertThat(nginx).contains("server k2store-1:" + apiPort(config), "server k2store-2:" + apiPort(config))
                .doesNotContain(":" + adminPort(config));
    }

    @Test
    void probeScrapeAndHealthcheckPathsAnswerOnARealAdminPort() {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        Map<String, Object> deployment = objects.get("Deployment/k2store");
        Map<String, Object> container = firstContainer(deployment);
        Set<String> paths = new TreeSet<>();
        paths.add((String) at(container, "readinessProbe/httpGet/path"));
        paths.add((String) at(container, "livenessProbe/httpGet/path"));
        paths.add((String) map(at(deployment, "spec/template/metadata/annotations")).get("prometheus.io/path"));
        Matcher healthcheck = Pattern.compile("http://[^/]+(/\\S*)").matcher(dockerfile().healthcheck());
        assertThat(healthcheck.find()).isTrue();
        paths.add(healthcheck.group(1));
        assertThat(paths).contains("/healthcheck", "/ping", "/ready", "/prometheus");
        for (String path : paths) {
            Http.Reply reply = admin.get(path, null);
            assertThat(reply.status()).as("GET %s on the admin port: %s", path, reply.body()).isEqualTo(200);
        }
        assertThat(at(container, "readinessProbe/httpGet/path")).as("readiness leaves a shared Cassandra outage out").isEqualTo("/ready");
        assertThat(at(container, "livenessProbe/httpGet/path")).as("a Cassandra outage must not restart pods").isEqualTo("/ping");
    }

    // ---- the image and its command lines

    @Test
    void theImageIsAMultiStageNonRootBuildOfTheServerJar() {
        Dockerfile image = dockerfile();
        assertThat(image.stages()).isGreaterThanOrEqualTo(2);
        assertThat(image.user()).isNotIn("root", "0");
        assertThat(image.buildCommands()).anyMatch(command -> command.contains("-pl modules/k2store-server")
                && command.contains("modules/k2store-server/target/k2store-server.jar"));
        assertThat(DeployManifests.read(DeployManifests.ROOT.resolve("modules/k2store-server/pom.xml")))
                .contains("<finalName>k2store-server</finalName>", "maven-shade-plugin");
        assertThat(image.copies()).containsKeys(image.entrypoint().get(image.entrypoint().size() - 1));
        assertThat(image.copies().get(image.workdir() + "/config.yml")).isEqualTo("config.yml");
        assertThat(image.env()).containsEntry("K2STORE_ALLOW_ANONYMOUS", "false");
    }

    @Test
    void everyCommandLineGivenToTheImageIsOneTheApplicationAccepts() throws Exception {
        ArgumentParser cli = applicationCli();
        Dockerfile image = dockerfile();
        List<List<String>> commandLines = new ArrayList<>();
        commandLines.add(image.cmd());
        Map<String, Map<String, Object>> base = DeployManifests.kubernetesBase();
        for (Map<String, Map<String, Object>> objects : List.of(base, overlay("kubernetes/multi-dc/dc1"), overlay("kubernetes/multi-dc/dc2"))) {
            for (String workload : List.of("Deployment/k2store", "Job/k2store-schema")) {
                Map<String, Object> container = firstContainer(objects.get(workload));
                assertThat(container.get("image")).isEqualTo("k2store:latest");
                List<String> args = new ArrayList<>();
                list(container.get("args")).forEach(arg -> args.add((String) arg));
                commandLines.add(args);
            }
        }
        assertThat(commandLines).contains(List.of("schema", "apply", "/opt/k2store/config.yml"),
                List.of("schema", "verify", "/opt/k2store/config.yml"));
        for (List<String> args : commandLines) {
            try {
                cli.parseArgs(args.toArray(String[]::new));
            } catch (ArgumentParserException e) {
                throw new AssertionError("the application rejects " + args + ": " + e.getMessage(), e);
            }
            assertThat(image.copies()).as("config file of %s is in the image", args).containsKey(args.get(args.size() - 1));
        }
        Matcher documented = Pattern.compile("k2store-server\\.jar ((?:schema \\w+ \\S+)|hash-token)").matcher(
                DeployManifests.read(DeployManifests.DEPLOY.resolve("README.md")));
        int checked = 0;
        while (documented.find()) {
            cli.parseArgs(documented.group(1).split(" "));
            checked++;
        }
        assertThat(checked).as("commands shown in deploy/README.md").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theMultiDcOverlaysGiveEachDcItsOwnLocalDcAndReplicateToBoth() throws Exception {
        for (String dc : List.of("dc1", "dc2")) {
            Map<String, Map<String, Object>> objects = overlay("kubernetes/multi-dc/" + dc);
            K2StoreConfiguration config = bind(podEnvironment(objects));
            assertThat(config.getCassandra().getLocalDatacenter()).isEqualTo(dc);
            assertThat(config.getCassandra().getDataCenters()).containsEntry("dc1", 3).containsEntry("dc2", 3);
            assertThat(config.getCassandra().getReadConsistency()).isEqualTo("LOCAL_QUORUM");
            assertThat(config.getCassandra().getWriteConsistency()).isEqualTo("LOCAL_QUORUM");
            Map<String, String> cassandraEnv = env(firstContainer(objects.get("StatefulSet/cassandra")));
            assertThat(cassandraEnv.get("CASSANDRA_DC")).as("the Cassandra nodes of %s", dc).isEqualTo(dc);
            assertThat(cassandraEnv.get("CASSANDRA_SEEDS").split(",")).as("seeds name a node of each DC").hasSize(2);
            assertThat(cassandraEnv.get("CASSANDRA_ENDPOINT_SNITCH")).isEqualTo("GossipingPropertyFileSnitch");
        }
        Map<String, String> composeCassandra = new HashMap<>();
        map(map(map(compose().get("services")).get("cassandra-1")).get("environment"))
                .forEach((key, value) -> composeCassandra.put(key, String.valueOf(value)));
        assertThat(composeCassandra).containsEntry("CASSANDRA_DC", "dc1");
        assertThat(map(map(compose().get("services")).get("cassandra-1")).get("image")).isEqualTo("cassandra:5.0");
        assertThat(firstContainer(DeployManifests.kubernetesBase().get("StatefulSet/cassandra")).get("image")).isEqualTo("cassandra:5.0");
    }

    // ---- security: who reaches what, credentials, shipped secrets

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(at(workload, "spec/template/metadata/labels"));
    }

    @Test
    void theAdminPortIsLoopbackInTheImageAndAdmitsOnlyMonitoringNamespacesInKubernetes() throws Exception {
        Dockerfile image = dockerfile();
        K2StoreConfiguration imageConfig = bind(image.env());
        String imageAdminHost = ((HttpConnectorFactory) ((DefaultServerFactory) imageConfig.getServerFactory()).getAdminConnectors().get(0))
                .getBindHost();
        assertThat(imageAdminHost).as("the image's admin bind host").isEqualTo("127.0.0.1");

        for (Map<String, Map<String, Object>> objects : List.of(DeployManifests.kubernetesBase(), overlay("kubernetes/multi-dc/dc1"),
                overlay("kubernetes/multi-dc/dc2"))) {
            K2StoreConfiguration config = bind(podEnvironment(objects));
            Map<String, Object> pod = podLabels(objects.get("Deployment/k2store"));
            assertThat(NetworkPolicies.isolated(objects, pod)).as("a NetworkPolicy selects the k2store pods").isTrue();
            assertThat(NetworkPolicies.peers(objects, pod, apiPort(config))).as("the API is reachable").contains(NetworkPolicies.ANYWHERE);
            List<Map<String, Object>> adminPeers = NetworkPolicies.peers(objects, pod, adminPort(config));
            assertThat(adminPeers).as("who reaches the admin port").isNotEmpty().allSatisfy(peer -> {
                assertThat(peer.keySet()).as("a namespace selector only, no pods, no address blocks").containsExactly("namespaceSelector");
                assertThat(map(peer.get("namespaceSelector"))).isEqualTo(Map.of("matchLabels", Map.of("k2store-monitoring", "true")));
            });
        }
        assertThat(DeployManifests.read(DeployManifests.DEPLOY.resolve("README.md"))).contains("k2store-monitoring=true");
    }

    @Test
    void cassandraAdmitsCqlFromK2storePodsOnlyAndInternodeTrafficFromCassandraOnly() {
        for (Map<String, Map<String, Object>> objects : List.of(DeployManifests.kubernetesBase(), overlay("kubernetes/multi-dc/dc1"),
                overlay("kubernetes/multi-dc/dc2"))) {
            Map<String, Object> cassandra = podLabels(objects.get("StatefulSet/cassandra"));
            Map<String, Object> service = podLabels(objects.get("Deployment/k2store"));
            Map<String, Object> schemaJob = podLabels(objects.get("Job/k2store-schema"));
            Map<String, Object> anyOtherPod = Map.of("app", "something-else");
            assertThat(NetworkPolicies.isolated(objects, cassandra)).isTrue();
            assertThat(NetworkPolicies.isolated(objects, anyOtherPod)).as("the namespace denies by default").isTrue();

            List<Map<String, Object>> cql = NetworkPolicies.peers(objects, cassandra, 9042);
            assertThat(cql).isNotEmpty().allSatisfy(peer -> {
                assertThat(peer.keySet()).as("pods of this namespace only").containsExactly("podSelector");
                Map<String, Object> selector = map(peer.get("podSelector"));
                assertThat(NetworkPolicies.selects(selector, cassandra) || NetworkPolicies.selects(selector, anyOtherPod)).isFalse();
            });
            assertThat(cql).anySatisfy(peer -> assertThat(NetworkPolicies.selects(map(peer.get("podSelector")), service)).isTrue());
            assertThat(cql).anySatisfy(peer -> assertThat(NetworkPolicies.selects(map(peer.get("podSelector")), schemaJob)).isTrue());

            for (int port : List.of(7000, 7001)) {
                List<Map<String, Object>> internode = NetworkPolicies.peers(objects, cassandra, port);
                assertThat(internode).as("port %d", port).isNotEmpty().allSatisfy(peer -> {
                    if (peer.containsKey("ipBlock")) {   // the other DC, in the multi-DC overlays
                        assertThat((String) map(peer.get("ipBlock")).get("cidr")).doesNotEndWith("/0");
                    } else {
                        assertThat(peer.keySet()).containsExactly("podSelector");
                        Map<String, Object> selector = map(peer.get("podSelector"));
                        assertThat(NetworkPolicies.selects(selector, cassandra)).isTrue();
                        assertThat(NetworkPolicies.selects(selector, service) || NetworkPolicies.selects(selector, schemaJob)).isFalse();
                    }
                });
            }
        }
    }

    @Test
    void noSecretShipsATokenHashTheServiceAccepts() throws Exception {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        int tenants = 0;
        for (Map.Entry<String, Map<String, Object>> object : objects.entrySet()) {
            if (object.getKey().startsWith("Secret/") && object.getValue().get("stringData") instanceof Map<?, ?> data
                    && data.containsKey("K2STORE_TENANTS")) {
                K2StoreConfiguration config = bind(Map.of("K2STORE_TENANTS", String.valueOf(data.get("K2STORE_TENANTS")),
                        "K2STORE_ALLOW_ANONYMOUS", "false"));
                for (TenantConfig tenant : config.getAuth().getTenants()) {
                    assertThat(tenant.getTokenSha256()).as("%s, tenant %s", object.getKey(), tenant.getName())
                            .allSatisfy(hash -> assertThat(ShippedTokens.isShipped(hash)).isTrue());
                    tenants++;
                }
                assertThatThrownBy(() -> ShippedTokens.check(config.getAuth())).as(object.getKey())
                        .hasMessageContaining("refusing to start").hasMessageContaining("tenant '");
            }
        }
        assertThat(tenants).as("the shipped tenants Secret's example").isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> ShippedTokens.check(bind(podEnvironment(objects)).getAuth())).as("the pod as deployed")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theK2storePodsGetCassandraCredentialsAndTheTrustStoreFromASecretAndCheckHostNames() throws Exception {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        for (Map.Entry<String, Map<String, Object>> object : objects.entrySet()) {
            if (object.getKey().startsWith("ConfigMap/") || object.getKey().startsWith("Secret/")) {
                Object data = object.getValue().getOrDefault("data", object.getValue().get("stringData"));
                Set<Object> keys = data instanceof Map<?, ?> fields ? Set.copyOf(fields.keySet()) : Set.of();
                assertThat(keys).as("%s ships no Cassandra credential", object.getKey())
                        .doesNotContain("K2STORE_CASSANDRA_USERNAME", "K2STORE_CASSANDRA_PASSWORD", "K2STORE_CASSANDRA_TLS_TRUST_STORE_PASSWORD");
            }
        }
        for (String workload : List.of("Deployment/k2store", "Job/k2store-schema")) {
            Map<String, Object> container = firstContainer(objects.get(workload));
            Map<String, String> fromSecrets = DeployManifests.envFromSecrets(container);
            assertThat(fromSecrets).as(workload).containsKeys("K2STORE_CASSANDRA_USERNAME", "K2STORE_CASSANDRA_PASSWORD",
                    "K2STORE_CASSANDRA_TLS_TRUST_STORE_PASSWORD");
            assertThat(objects).as("%s: the credentials Secret is the operator's, not the repository's", workload)
                    .doesNotContainKey("Secret/" + fromSecrets.get("K2STORE_CASSANDRA_PASSWORD").split("/")[0]);

            Map<String, String> environment = new HashMap<>(dockerfile().env());
            map(objects.get("ConfigMap/k2store").get("data")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
            K2StoreConfiguration config = bind(withContainerEnv(environment, container));
            assertThat(config.getCassandra().getUsername()).as(workload).startsWith("from-secret-");
            assertThat(config.getCassandra().getPassword()).as(workload).startsWith("from-secret-");
            assertThat(config.getCassandra().isTls()).as(workload).isTrue();
            assertThat(config.getCassandra().isTlsHostnameValidation()).as(workload).isTrue();
            String trustStore = config.getCassandra().getTlsTrustStore();
            assertThat(trustStore).as(workload).isNotBlank();
            assertThat(secretFileAt(objects.get(workload), container, trustStore)).as("%s: the trust store comes from a Secret", workload)
                    .isEqualTo(fromSecrets.get("K2STORE_CASSANDRA_TLS_TRUST_STORE_PASSWORD").split("/")[0]);
        }
    }

    /** The Secret a mounted file comes from, or null when no Secret volume holds that path. */
    private static String secretFileAt(Map<String, Object> workload, Map<String, Object> container, String file) {
        Map<String, Map<String, Object>> volumes = new HashMap<>();
        list(at(workload, "spec/template/spec/volumes")).forEach(volume -> volumes.put((String) map(volume).get("name"), map(volume)));
        for (Object entry : list(container.getOrDefault("volumeMounts", List.of()))) {
            Map<String, Object> mount = map(entry);
            Map<String, Object> volume = volumes.get((String) mount.get("name"));
            String directory = mount.get("mountPath") + "/";
            if (volume != null && volume.get("secret") instanceof Map<?, ?> secret && file.startsWith(directory)) {
                String path = file.substring(directory.length());
                Object items = secret.get("items");
                if (items == null || list(items).stream().anyMatch(item -> path.equals(map(item).get("path")))) {
                    return (String) secret.get("secretName");
                }
            }
        }
        return null;
    }

    @Test
    void cassandraRequiresAPasswordAndTlsFromEveryClient(@TempDir Path directory) throws Exception {
        Map<String, Map<String, Object>> objects = DeployManifests.kubernetesBase();
        Map<String, Object> statefulSet = objects.get("StatefulSet/cassandra");
        Map<String, Object> container = firstContainer(statefulSet);
        List<Object> command = list(container.get("command"));
        String scriptPath = (String) command.get(command.size() - 1);
        Map<String, Object> volumes = new HashMap<>();
        list(at(statefulSet, "spec/template/spec/volumes")).forEach(volume -> volumes.put((String) map(volume).get("name"), volume));
        String script = null;
        for (Object entry : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(entry);
            Map<String, Object> volume = map(volumes.getOrDefault(mount.get("name"), Map.of()));
            if (volume.get("configMap") instanceof Map<?, ?> configMap && scriptPath.startsWith(mount.get("mountPath") + "/")) {
                script = (String) map(objects.get("ConfigMap/" + configMap.get("name")).get("data"))
                        .get(scriptPath.substring(((String) mount.get("mountPath")).length() + 1));
            }
        }
        assertThat(script).as("%s is mounted from a ConfigMap of the base", scriptPath).isNotNull();
        assertThat(script).contains("exec docker-entrypoint.sh cassandra -f");
        assertThat(DeployManifests.envFromSecrets(container)).containsKey("CASSANDRA_KEYSTORE_PASSWORD");

        // Run the script on an excerpt of Cassandra 5.0's cassandra.yaml, without starting Cassandra.
        Path conf = directory.resolve("cassandra.yaml");
        Files.copy(Path.of(getClass().getResource("/deploy/cassandra-5.0-excerpt.yaml").toURI()), conf);
        String runnable = script.replace("/etc/cassandra/cassandra.yaml", conf.toString())
                .replace("/tmp/cassandra.yaml", directory.resolve("rewritten.yaml").toString())
                .replace("exec docker-entrypoint.sh cassandra -f", "exit 0");
        Path runnableScript = Files.writeString(directory.resolve("secure-cassandra.sh"), runnable);
        Process shell = new ProcessBuilder("/bin/sh", runnableScript.toString()).redirectErrorStream(true).start();
        shell.getOutputStream().close();
        ProcessBuilder withPassword = new ProcessBuilder("/bin/sh", runnableScript.toString()).redirectErrorStream(true);
        withPassword.environment().put("CASSANDRA_KEYSTORE_PASSWORD", "keystore-pass");
        assertThat(shell.waitFor()).as("without the keystore password the script stops").isNotZero();
        Process run = withPassword.start();
        assertThat(run.waitFor()).as(new String(run.getInputStream().readAllBytes())).isZero();

        Map<String, Object> rewritten = map(DeployManifests.documents(conf).get(0));   // duplicate keys fail here
        assertThat(at(rewritten, "authenticator/class_name")).isEqualTo("org.apache.cassandra.auth.PasswordAuthenticator");
        Map<String, Object> clientTls = map(rewritten.get("client_encryption_options"));
        assertThat(clientTls).containsEntry("enabled", true).containsEntry("optional", false)
                .containsEntry("keystore_password", "keystore-pass");
        Map<String, Object> original = map(DeployManifests.documents(
                DeployManifests.read(Path.of(getClass().getResource("/deploy/cassandra-5.0-excerpt.yaml").toURI())), "excerpt").get(0));
        original.keySet().removeAll(Set.of("authenticator", "client_encryption_options"));
        assertThat(rewritten).as("every other setting is left as it was").containsAllEntriesOf(original);
        assertThat(secretFileAt(statefulSet, container, (String) clientTls.get("keystore"))).as("the keystore comes from a Secret")
                .isEqualTo(DeployManifests.envFromSecrets(container).get("CASSANDRA_KEYSTORE_PASSWORD").split("/")[0]);
        assertThat(objects).as("the keystore Secret is the operator's, not the repository's").doesNotContainKey("Secret/cassandra-tls");
    }

    /** The application's command line as Dropwizard builds it: its own commands plus server and check. */
    private static ArgumentParser applicationCli() {
        K2StoreApplication application = new K2StoreApplication();
        Bootstrap<K2StoreConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        List<Command> commands = new ArrayList<>(bootstrap.getCommands());
        commands.add(new ServerCommand<>(application));
        commands.add(new CheckCommand<>(application));
        ArgumentParser parser = ArgumentParsers.newFor("k2store-server.jar").build();
        Subparsers subparsers = parser.addSubparsers().dest("command");
        for (Command command : commands) {
            command.configure(subparsers.addParser(command.getName()));
        }
        return parser;
    }
}
