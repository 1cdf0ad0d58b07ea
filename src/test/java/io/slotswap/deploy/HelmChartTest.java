package io.slotswap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart in {@code helm/slotswap}: linted and rendered by the helm library that helm-java
 * bundles (no helm binary, no cluster, no network), and the rendered objects read back as YAML.
 */
class HelmChartTest {

	static final Path CHART = Path.of("helm", "slotswap");

	static final String NAMESPACE = "swaps";

	/** helm's offline default is v1.20, below the chart's kubeVersion (autoscaling/v2 needs 1.23) */
	static final String KUBERNETES = "v1.31.0";

	@Test
	void theChartLintsClean() {
		LintResult lint = new Helm(CHART).lint().strict().call();

		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void theChartsAppVersionIsTheProjectsVersion() throws Exception {
		Map<String, Object> chart = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(CHART.resolve("Chart.yaml")));

		assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "slotswap");
		assertThat(chart.get("appVersion")).isEqualTo(projectVersion());
	}

	@Test
	void theSchemaIsDraft07AndDescribesEveryDefaultValue() throws Exception {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		Map<String, Object> schema = yaml.load(Files.readString(CHART.resolve("values.schema.json")));
		Map<String, Object> values = yaml.load(Files.readString(CHART.resolve("values.yaml")));

		assertThat(schema).containsEntry("$schema", "http://json-schema.org/draft-07/schema#")
			.containsEntry("additionalProperties", false);
		assertThat(undescribed(schema, schema, values, "")).as("values.yaml keys the schema does not name").isEmpty();
	}

	@Test
	void defaultValuesRenderTwoNonRootReplicasWithProbesOnTheHealthGroups() {
		Manifests manifests = render(UnaryOperator.identity());
		Map<String, Object> deployment = manifests.one("Deployment");
		Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
		Map<String, Object> container = onlyContainer(deployment);

		assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
		assertThat(container.get("image")).isEqualTo("slotswap:" + projectVersion());
		assertThat(container.get("imagePullPolicy")).isEqualTo("IfNotPresent");
		assertThat(list(container.get("ports"))).containsExactly(
				Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));

		assertThat(at(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
		assertThat(at(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "http"));
		assertThat(at(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
		int startupSeconds = (int) at(container, "startupProbe", "periodSeconds")
				* (int) at(container, "startupProbe", "failureThreshold");
		assertThat(startupSeconds).as("time the JVM gets to start (about 20 s) before liveness counts").isGreaterThanOrEqualTo(120);

		assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", 10001)
			.containsEntry("fsGroup", 10001)
			.containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
		assertThat(map(container.get("securityContext"))).containsEntry("runAsNonRoot", true)
			.containsEntry("allowPrivilegeEscalation", false)
			.containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("capabilities", Map.of("drop", List.of("ALL")));
		assertThat(list(container.get("volumeMounts"))).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
		assertThat(list(pod.get("volumes"))).contains(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "256Mi")));
		assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(45);
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);

		assertThat(at(container, "resources", "requests")).isEqualTo(Map.of("cpu", "500m", "memory", "768Mi"));
		assertThat(at(container, "resources", "limits")).isEqualTo(Map.of("memory", "1Gi"));

		assertThat(env(container, "SPRING_PROFILES_ACTIVE").get("value")).isEqualTo("postgres,azure");
		assertThat((String) env(container, "JAVA_TOOL_OPTIONS").get("value")).contains("-XX:MaxRAMPercentage=75");
		assertThat(env(container, "LOGGING_STRUCTURED_FORMAT_CONSOLE").get("value")).isEqualTo("ecs");
		String configMap = (String) at(manifests.one("ConfigMap"), "metadata", "name");
		assertThat(list(container.get("envFrom"))).containsExactly(Map.of("configMapRef", Map.of("name", configMap)));
		assertThat(envNames(container)).as("no database credential without database.existingSecret")
			.doesNotContain("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");

		assertThat((String) at(deployment, "spec", "template", "metadata", "annotations", "checksum/config")).matches("[0-9a-f]{64}");
		assertThat(map(at(deployment, "spec", "template", "metadata", "labels"))).doesNotContainKey("azure.workload.identity/use");
		Object selector = at(deployment, "spec", "selector", "matchLabels");
		Map<String, Object> spread = map(list(pod.get("topologySpreadConstraints")).get(0));
		assertThat(spread).containsEntry("topologyKey", "kubernetes.io/hostname")
			.containsEntry("whenUnsatisfiable", "ScheduleAnyway")
			.containsEntry("labelSelector", Map.of("matchLabels", selector));

		Map<String, Object> service = manifests.one("Service");
		assertThat(at(service, "spec", "type")).isEqualTo("ClusterIP");
		assertThat(list(at(service, "spec", "ports"))).containsExactly(
				Map.of("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP"));
		assertThat(at(service, "spec", "selector")).isEqualTo(selector);

		Map<String, Object> pdb = manifests.one("PodDisruptionBudget");
		assertThat(pdb.get("apiVersion")).isEqualTo("policy/v1");
		assertThat(map(pdb.get("spec"))).containsEntry("minAvailable", 1)
			.containsEntry("selector", Map.of("matchLabels", selector))
			.doesNotContainKey("maxUnavailable");

		Map<String, Object> serviceAccount = manifests.one("ServiceAccount");
		assertThat(pod.get("serviceAccountName")).isEqualTo(at(serviceAccount, "metadata", "name"));
		assertThat(map(serviceAccount.get("metadata"))).doesNotContainKey("annotations");

		assertThat(manifests.kinds()).doesNotContain("HorizontalPodAutoscaler", "Ingress", "Secret");
		assertThat(manifests.all()).allSatisfy(object -> assertThat(at(object, "metadata", "namespace")).isEqualTo(NAMESPACE));
	}

	@Test
	void productionValuesRenderIngressHpaAndWorkloadIdentity() {
		Manifests manifests = render(helm -> helm.withValuesFile(productionValues()));
		Map<String, Object> deployment = manifests.one("Deployment");
		String name = (String) at(deployment, "metadata", "name");

		assertThat(map(deployment.get("spec"))).as("the HorizontalPodAutoscaler owns the count").doesNotContainKey("replicas");
		Map<String, Object> hpa = manifests.one("HorizontalPodAutoscaler");
		assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
		assertThat(map(hpa.get("spec"))).containsEntry("minReplicas", 2)
			.containsEntry("maxReplicas", 4)
			.containsEntry("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", name));
		assertThat(at(list(at(hpa, "spec", "metrics")).get(0), "resource", "target", "averageUtilization")).isEqualTo(70);
		assertThat(manifests.kinds()).as("minReplicas 2 keeps the disruption budget").contains("PodDisruptionBudget");

		Map<String, Object> serviceAccount = manifests.one("ServiceAccount");
		assertThat(map(at(serviceAccount, "metadata", "annotations")))
			.containsEntry("azure.workload.identity/client-id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
			.containsEntry("azure.workload.identity/tenant-id", "11111111-2222-3333-4444-555555555555");
		assertThat(at(deployment, "spec", "template", "spec", "serviceAccountName")).isEqualTo(at(serviceAccount, "metadata", "name"));
		assertThat(map(at(deployment, "spec", "template", "metadata", "labels")))
			.containsEntry("azure.workload.identity/use", "true");

		Map<String, Object> ingress = manifests.one("Ingress");
		assertThat(at(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
		Map<String, Object> rule = map(list(at(ingress, "spec", "rules")).get(0));
		assertThat(rule.get("host")).isEqualTo("slotswap.example");
		assertThat(at(list(at(rule, "http", "paths")).get(0), "backend", "service"))
			.isEqualTo(Map.of("name", at(manifests.one("Service"), "metadata", "name"), "port", Map.of("number", 80)));
		assertThat(list(at(ingress, "spec", "tls"))).containsExactly(
				Map.of("secretName", "slotswap-tls", "hosts", List.of("slotswap.example")));

		Map<String, Object> container = onlyContainer(deployment);
		assertThat(container.get("image")).isEqualTo("registry.example/platform/slotswap:0.1.0");
		assertThat(list(at(deployment, "spec", "template", "spec", "imagePullSecrets"))).containsExactly(Map.of("name", "registry-pull"));
	}

	@Test
	void credentialsAreSecretReferencesAndNeverConfigMapValues() {
		Manifests manifests = render(helm -> helm.withValuesFile(productionValues()));
		Map<String, Object> container = onlyContainer(manifests.one("Deployment"));

		assertThat(env(container, "SPRING_DATASOURCE_USERNAME")).isEqualTo(secretRef("SPRING_DATASOURCE_USERNAME", "slotswap-db", "user"));
		assertThat(env(container, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(secretRef("SPRING_DATASOURCE_PASSWORD", "slotswap-db", "pass"));
		assertThat(env(container, "SLOTSWAP_CHATOPS_SLACK_SIGNING_SECRET"))
			.isEqualTo(secretRef("SLOTSWAP_CHATOPS_SLACK_SIGNING_SECRET", "slotswap-chatops", "slack-signing-secret"));
		assertThat(env(container, "SLOTSWAP_NOTIFY_WEBHOOK_SECRET"))
			.isEqualTo(secretRef("SLOTSWAP_NOTIFY_WEBHOOK_SECRET", "slotswap-notify", "webhook-secret"));

		Map<String, Object> data = map(manifests.one("ConfigMap").get("data"));
		assertThat(data).containsEntry("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://slotswap-db.postgres.example:5432/slotswap?sslmode=require")
			.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
					"https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0")
			.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", "api://slotswap")
			.containsEntry("SLOTSWAP_SECURITY_TOKENS_0_NAME", "release-pipeline")
			.containsEntry("SLOTSWAP_SECURITY_TOKENS_0_SHA256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
			.containsEntry("SLOTSWAP_SECURITY_TOKENS_0_ROLES", "operator")
			.containsEntry("SLOTSWAP_AZURE_DEFAULT_SUBSCRIPTION_ID", "66666666-7777-8888-9999-000000000000")
			.containsEntry("SLOTSWAP_NOTIFY_ALLOWED_WEBHOOK_URLS", "https://hooks.example/")
			.containsEntry("SLOTSWAP_SECURITY_JWT_ROLE_PREFIX", "Slotswap.");
		assertThat(data.keySet()).noneMatch(key -> key.contains("PASSWORD") || key.contains("SECRET") || key.contains("USERNAME"));
		assertThat(manifests.kinds()).as("the chart never creates a Secret").doesNotContain("Secret");
	}

	@Test
	void aTypoInValuesIsRefusedByTheSchema() {
		assertThatThrownBy(() -> render(helm -> helm.set("replicaCout", 3))).hasMessageContaining("replicaCout");
		assertThatThrownBy(() -> render(helm -> helm.set("image.tagg", "1.0"))).hasMessageContaining("tagg");
		assertThatThrownBy(() -> render(helm -> helm.set("auth.tokens[0].name", "ci").set("auth.tokens[0].sha256", "not-a-hash")))
			.hasMessageContaining("sha256");
	}

	@Test
	void aJwtIssuerWithoutAnAudienceIsRefusedAsSlotswapWouldRefuseIt() {
		assertThatThrownBy(() -> render(helm -> helm.set("auth.jwt.issuerUri", "https://login.microsoftonline.com/t/v2.0")))
			.hasMessageContaining("auth.jwt.audiences");
	}

	@Test
	void workloadIdentityWithoutAClientIdIsRefused() {
		assertThatThrownBy(() -> render(helm -> helm.set("azure.workloadIdentity.enabled", true)))
			.hasMessageContaining("azure.workloadIdentity.clientId");
	}

	@Test
	void aSettingsChangeRollsThePodsThroughTheConfigChecksum() {
		String before = checksum(render(UnaryOperator.identity()));
		String after = checksum(render(helm -> helm.set("config.SLOTSWAP_ENGINE_POLL_INTERVAL", "2s")));

		assertThat(after).isNotEqualTo(before);
	}

	@Test
	void aSingleReplicaGetsNoDisruptionBudgetThatWouldBlockEveryDrain() {
		Manifests manifests = render(helm -> helm.set("replicaCount", 1));

		assertThat(at(manifests.one("Deployment"), "spec", "replicas")).isEqualTo(1);
		assertThat(manifests.kinds()).doesNotContain("PodDisruptionBudget");
	}

	@Test
	void anEmptyLoggingFormatLeavesSpringBootsPlainLogs() {
		Map<String, Object> container = onlyContainer(render(helm -> helm.set("logging.format", "")).one("Deployment"));

		assertThat(env(container, "LOGGING_STRUCTURED_FORMAT_CONSOLE")).as("set empty, so an image's default is overridden too")
			.isEqualTo(Map.of("name", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "value", ""));
	}

	// --- rendering and reading back

	static Manifests render(UnaryOperator<TemplateCommand> values) {
		TemplateCommand template = new Helm(CHART).template()
			.withName("slotswap")
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBERNETES);
		return Manifests.parse(values.apply(template).call());
	}

	static Path productionValues() {
		try {
			return Path.of(HelmChartTest.class.getResource("/helm/values-production.yaml").toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static String projectVersion() {
		try {
			Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
				.getDocumentElement();
			for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element element && element.getTagName().equals("version")) {
					return element.getTextContent().trim();
				}
			}
			throw new IllegalStateException("pom.xml has no project version");
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** The keys of {@code values} (recursively) that a schema node listing its properties does not name. */
	static List<String> undescribed(Map<String, Object> root, Map<String, Object> schema, Map<String, Object> values,
			String prefix) {
		Map<String, Object> node = schema;
		if (node.get("$ref") instanceof String ref) {
			node = map(at(root, ref.substring(2).split("/")));
		}
		List<String> missing = new ArrayList<>();
		if (!(node.get("properties") instanceof Map<?, ?>)) {
			return missing;
		}
		Map<String, Object> properties = map(node.get("properties"));
		values.forEach((key, value) -> {
			if (!properties.containsKey(key)) {
				missing.add(prefix + key);
			}
			else if (value instanceof Map<?, ?>) {
				missing.addAll(undescribed(root, map(properties.get(key)), map(value), prefix + key + "."));
			}
		});
		return missing;
	}

	static String checksum(Manifests manifests) {
		return (String) at(manifests.one("Deployment"), "spec", "template", "metadata", "annotations", "checksum/config");
	}

	static Map<String, Object> onlyContainer(Map<String, Object> deployment) {
		List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
		assertThat(containers).hasSize(1);
		return map(containers.get(0));
	}

	static Map<String, Object> env(Map<String, Object> container, String name) {
		return list(container.get("env")).stream()
			.map(HelmChartTest::map)
			.filter(variable -> name.equals(variable.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name + " in " + container.get("env")));
	}

	static List<Object> envNames(Map<String, Object> container) {
		return list(container.get("env")).stream().map(variable -> map(variable).get("name")).toList();
	}

	static Map<String, Object> secretRef(String variable, String secret, String key) {
		return Map.of("name", variable, "valueFrom", Map.of("secretKeyRef", Map.of("name", secret, "key", key)));
	}

	static Object at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			assertThat(current).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
			current = map(current).get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
	}

	/** The objects of one {@code helm template} output, a multi-document YAML stream. */
	record Manifests(List<Map<String, Object>> objects) {

		static Manifests parse(String rendered) {
			List<Map<String, Object>> objects = new ArrayList<>();
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
				if (document != null) {
					objects.add(map(document));
				}
			}
			return new Manifests(List.copyOf(objects));
		}

		List<Map<String, Object>> all() {
			return objects;
		}

		List<Object> kinds() {
			return objects.stream().map(object -> object.get("kind")).toList();
		}

		Map<String, Object> one(String kind) {
			List<Map<String, Object>> found = objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
			assertThat(found).as("exactly one %s among %s", kind, kinds()).hasSize(1);
			return found.get(0);
		}
	}
}
