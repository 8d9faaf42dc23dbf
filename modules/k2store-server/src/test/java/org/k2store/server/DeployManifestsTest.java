package org.k2store.server;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.k2store.cassandra.testing.CassandraEndpoint;
import org.k2store.cassandra.testing.CassandraExtension;
import org.k2store.server.auth.AnonymousAccessGuard;

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
        assertThat(paths).contains("/healthcheck", "/ping", "/prometheus");
        for (String path : paths) {
            Http.Reply reply = admin.get(path, null);
            assertThat(reply.status()).as("GET %s on the admin port: %s", path, reply.body()).isEqualTo(200);
        }
        assertThat(at(container, "readinessProbe/httpGet/path")).as("readiness follows Cassandra").isEqualTo("/healthcheck");
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
