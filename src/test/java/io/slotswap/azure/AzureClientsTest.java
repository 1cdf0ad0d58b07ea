package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;

import io.slotswap.azure.AzureException.Kind;
import reactor.core.publisher.Mono;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AzureClientsTest {

	private static AzureProperties properties(String endpoint) {
		return new AzureProperties(endpoint, "00000000-0000-0000-0000-000000000000", 3, Duration.ofMillis(500),
				Duration.ofSeconds(10), Duration.ofSeconds(10), AzureProperties.Budget.AZURE);
	}

	@Test
	void a_configured_endpoint_wins() {
		MockEnvironment env = new MockEnvironment().withProperty("local.server.port", "1234");
		assertThat(AzureClients.endpointFor(properties("http://localhost:9090/emulator/arm"), env))
			.isEqualTo("http://localhost:9090/emulator/arm");
	}

	@Test
	void without_one_the_built_in_emulator_on_the_actual_port_is_used() {
		MockEnvironment env = new MockEnvironment().withProperty("server.port", "0")
			.withProperty("local.server.port", "41234");
		assertThat(AzureClients.endpointFor(properties(null), env)).isEqualTo("http://localhost:41234/emulator/arm");
		assertThat(AzureClients.endpointFor(properties(" "), new MockEnvironment().withProperty("server.port", "8081")))
			.isEqualTo("http://localhost:8081/emulator/arm");
	}

	@Test
	void the_client_is_built_only_once_the_port_is_known() {
		MockEnvironment env = new MockEnvironment().withProperty("server.port", "0");
		AzureClients clients = AzureClients.fromEnvironment(properties(null), env, new SimpleMeterRegistry(), () -> 1);
		assertThatThrownBy(clients::endpoint).isInstanceOfSatisfying(AzureException.class,
				e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
		env.setProperty("local.server.port", "45678");
		assertThat(clients.endpoint()).isEqualTo("http://localhost:45678/emulator/arm");
		env.setProperty("local.server.port", "1");
		assertThat(clients.endpoint()).as("memoized").isEqualTo("http://localhost:45678/emulator/arm");
	}

	@Test
	void a_trailing_slash_is_dropped_and_non_http_urls_are_refused() {
		assertThat(AzureClients.normalise("http://localhost:8080/emulator/arm//")).isEqualTo(
				"http://localhost:8080/emulator/arm");
		assertThatThrownBy(() -> AzureClients.normalise("ftp://x/emulator/arm"))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void against_an_emulator_no_credential_policy_is_in_the_pipeline() {
		AtomicInteger credentialsBuilt = new AtomicInteger();
		AzureClients clients = new AzureClients(properties(null), () -> "http://localhost:8080/emulator/arm", true,
				() -> {
					credentialsBuilt.incrementAndGet();
					return fakeCredential();
				}, new SimpleMeterRegistry(), () -> 1);
		assertThat(clients.emulator()).isTrue();
		assertThat(policyNames(clients.pipeline())).noneMatch(n -> n.contains("Authentication"))
			.contains(RetryPolicy.class.getSimpleName(), "UserAgentPolicy", "RequestIdPolicy", "AddDatePolicy",
					"HttpLoggingPolicy");
		assertThat(credentialsBuilt).hasValue(0);
	}

	@Test
	void the_azure_profile_against_azure_authenticates() {
		AzureClients clients = new AzureClients(properties("https://management.azure.com/"),
				() -> "https://management.azure.com/", true, AzureClientsTest::fakeCredential, new SimpleMeterRegistry(), () -> 1);
		assertThat(clients.emulator()).isFalse();
		assertThat(clients.endpoint()).isEqualTo("https://management.azure.com");
		assertThat(policyNames(clients.pipeline())).anyMatch(n -> n.contains("Authentication"));
	}

	@Test
	void the_retrying_and_the_send_once_pipeline_share_one_credential() {
		AtomicInteger credentialsBuilt = new AtomicInteger();
		AzureClients clients = new AzureClients(properties("https://management.azure.com"),
				() -> "https://management.azure.com", true, () -> {
					credentialsBuilt.incrementAndGet();
					return fakeCredential();
				}, new SimpleMeterRegistry(), () -> 1);
		HttpPipeline retrying = clients.pipeline();
		HttpPipeline sendOnce = clients.sendOncePipeline();
		clients.webAppsSendOnce("sub-a");
		clients.webAppsSendOnce("sub-b");
		clients.webApps("sub-c");
		assertThat(sendOnce).isNotSameAs(retrying);
		assertThat(policyNames(retrying)).anyMatch(n -> n.contains("Authentication"));
		assertThat(policyNames(sendOnce)).anyMatch(n -> n.contains("Authentication"));
		assertThat(clients.manager("sub-c").serviceClient().getHttpPipeline()).isSameAs(retrying);
		assertThat(credentialsBuilt).hasValue(1);
	}

	@Test
	void one_manager_per_subscription_on_one_pipeline() {
		AzureClients clients = AzureClients.forEndpoint(properties(null), "http://localhost:8080/emulator/arm");
		assertThat(clients.manager("SUB-A")).isSameAs(clients.manager("sub-a"));
		assertThat(clients.manager("sub-b")).isNotSameAs(clients.manager("sub-a"));
		assertThat(clients.manager("sub-b").serviceClient().getSubscriptionId()).isEqualTo("sub-b");
		assertThat(clients.manager(null).serviceClient().getSubscriptionId())
			.isEqualTo("00000000-0000-0000-0000-000000000000");
		assertThat(clients.manager("sub-b").serviceClient().getEndpoint()).isEqualTo(
				"http://localhost:8080/emulator/arm");
		assertThat(clients.manager("sub-b").serviceClient().getHttpPipeline()).isSameAs(clients.pipeline());
	}

	@Test
	void the_emulator_environment_has_the_entries_the_sdk_needs() {
		var environment = AzureClients.environment("http://localhost:8080/emulator/arm", false);
		assertThat(environment.getResourceManagerEndpoint()).isEqualTo("http://localhost:8080/emulator/arm");
		assertThat(environment.getManagementEndpoint()).isEqualTo("http://localhost:8080/emulator/arm");
		assertThat(environment.getActiveDirectoryEndpoint()).isNotBlank();
		assertThat(environment.getMicrosoftGraphEndpoint()).isNotBlank();
		assertThat(environment.getGraphEndpoint()).isNotBlank();
	}

	private static List<String> policyNames(HttpPipeline pipeline) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < pipeline.getPolicyCount(); i++) {
			HttpPipelinePolicy policy = pipeline.getPolicy(i);
			names.add(policy.getClass().getSimpleName());
		}
		return names;
	}

	private static TokenCredential fakeCredential() {
		return request -> Mono.error(new IllegalStateException("no token in unit tests"));
	}
}
