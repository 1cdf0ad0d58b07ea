package io.slotswap.azure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.appservice.AppServiceManager;
import com.azure.resourcemanager.appservice.fluent.WebAppsClient;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.core.env.Environment;

import io.slotswap.azure.AzureException.Kind;

/**
 * Builds the SDK clients, lazily and once: the built-in emulator's port is only known after the
 * web server has started ({@code local.server.port}), so nothing here runs before the first call.
 * <ul>
 * <li>{@code azure} profile (and an Azure endpoint): {@code DefaultAzureCredential} and Azure's
 * environment with the configured Resource Manager URL.</li>
 * <li>Otherwise (an emulator): the same pipeline without any credential policy (the bearer
 * policy refuses {@code http://}), and an environment built from a map.</li>
 * </ul>
 * One pipeline serves every subscription; the {@link AppServiceManager} (a thin wrapper holding
 * the subscription id) is cached per subscription.
 */
final class AzureClients {

	static final String BUILT_IN_EMULATOR_PATH = "/emulator/arm";

	private final AzureProperties properties;

	private final Supplier<String> endpointSource;

	private final boolean useAzureCredential;

	private final Supplier<TokenCredential> credentials;

	private final MeterRegistry registry;

	private final IntSupplier liveReplicas;

	private final Object lock = new Object();

	private volatile Resolved resolved;

	private final ConcurrentMap<String, AppServiceManager> managers = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, AppServiceManager> sendOnceManagers = new ConcurrentHashMap<>();

	/** What is built once the endpoint is known. */
	record Resolved(String endpoint, boolean emulator, AzureEnvironment environment, HttpPipeline pipeline,
			HttpPipeline probePipeline, HttpPipeline sendOncePipeline) {
	}

	/**
	 * @param endpointSource gives the Resource Manager URL, or throws {@link AzureException} while it
	 *        is not known yet (it is asked again on the next call)
	 */
	AzureClients(AzureProperties properties, Supplier<String> endpointSource, boolean useAzureCredential,
			Supplier<TokenCredential> credentials, MeterRegistry registry, IntSupplier liveReplicas) {
		this.liveReplicas = liveReplicas;
		this.properties = properties;
		this.endpointSource = endpointSource;
		this.useAzureCredential = useAzureCredential;
		this.credentials = credentials;
		this.registry = registry;
	}

	/**
	 * The production wiring: endpoint from the properties, else this process's emulator; every
	 * request to Resource Manager timed in {@code registry}.
	 */
	static AzureClients fromEnvironment(AzureProperties properties, Environment environment, MeterRegistry registry,
			IntSupplier liveReplicas) {
		boolean azure = environment.matchesProfiles("azure");
		return new AzureClients(properties, () -> endpointFor(properties, environment), azure,
				() -> new DefaultAzureCredentialBuilder().build(), registry, liveReplicas);
	}

	/** A fixed endpoint without a credential (tests, tools); requests are timed in a registry of its own. */
	static AzureClients forEndpoint(AzureProperties properties, String endpoint) {
		return new AzureClients(properties, () -> endpoint, false, () -> null, new SimpleMeterRegistry(), () -> 1);
	}

	static String endpointFor(AzureProperties properties, Environment environment) {
		if (!properties.usesBuiltInEmulator()) {
			return properties.resourceManagerEndpoint();
		}
		String port = environment.getProperty("local.server.port");
		if (ArmErrors.blank(port)) {
			port = environment.getProperty("server.port", "8080");
		}
		if ("0".equals(port.trim())) {
			throw new AzureException(Kind.UNAVAILABLE, ArmErrors.UNAVAILABLE_CODE,
					"The built-in emulator's port is not known yet (the web server has not started)", null, null);
		}
		return "http://localhost:" + port.trim() + BUILT_IN_EMULATOR_PATH;
	}

	/** Resource Manager's URL, without a trailing slash. */
	String endpoint() {
		return resolved().endpoint();
	}

	/** Whether the endpoint is an emulator ({@code …/emulator/arm}) rather than Azure. */
	boolean emulator() {
		return resolved().emulator();
	}

	/** The pipeline every ARM call goes through: retries, and the credential on Azure. */
	HttpPipeline pipeline() {
		return resolved().pipeline();
	}

	/** The same pipeline and credential without the retry policy: see {@link #webAppsSendOnce}. */
	HttpPipeline sendOncePipeline() {
		return resolved().sendOncePipeline();
	}

	/** A pipeline without retries or credential, and with short time-outs: for reachability. */
	HttpPipeline probePipeline() {
		return resolved().probePipeline();
	}

	String subscription(String subscriptionId) {
		return ArmErrors.blank(subscriptionId) ? properties.defaultSubscriptionId() : subscriptionId;
	}

	String defaultSubscriptionId() {
		return properties.defaultSubscriptionId();
	}

	/** The generated {@code WebAppsClient} of one subscription. */
	WebAppsClient webApps(String subscriptionId) {
		return manager(subscriptionId).serviceClient().getWebApps();
	}

	/**
	 * The {@code WebAppsClient} of one subscription on a pipeline that never re-sends a request:
	 * for the swap itself, which must not go out twice behind the engine's back (a time-out after
	 * Azure accepted it would otherwise be retried blindly). The engine decides, with the site's
	 * {@code slotSwapStatus}, whether to send it again.
	 */
	WebAppsClient webAppsSendOnce(String subscriptionId) {
		Resolved r = resolved();
		String subscription = subscription(subscriptionId);
		return managerOf(sendOnceManagers, subscription, r.sendOncePipeline(), r.environment()).serviceClient()
			.getWebApps();
	}

	AppServiceManager manager(String subscriptionId) {
		Resolved r = resolved();
		return managerOf(managers, subscription(subscriptionId), r.pipeline(), r.environment());
	}

	/**
	 * The manager of a subscription, built on its first use outside the map's lock: the first build is
	 * slow (the SDK's classes load), and a {@code computeIfAbsent} would hold the first call of every
	 * other subscription behind it (seen in a burst: every request thread blocked there). Two threads
	 * may build one each; one is kept, and either serves.
	 */
	private static AppServiceManager managerOf(ConcurrentMap<String, AppServiceManager> managers, String subscription,
			HttpPipeline pipeline, AzureEnvironment environment) {
		String key = subscription.toLowerCase(Locale.ROOT);
		AppServiceManager known = managers.get(key);
		if (known != null) {
			return known;
		}
		AppServiceManager built = AppServiceManager.authenticate(pipeline,
				new AzureProfile(null, subscription, environment));
		AppServiceManager raced = managers.putIfAbsent(key, built);
		return raced != null ? raced : built;
	}

	private Resolved resolved() {
		Resolved r = resolved;
		if (r == null) {
			synchronized (lock) {
				r = resolved;
				if (r == null) {
					r = build(normalise(endpointSource.get()));
					resolved = r;
				}
			}
		}
		return r;
	}

	static String normalise(String endpoint) {
		if (ArmErrors.blank(endpoint)) {
			throw new IllegalStateException("slotswap.azure.resource-manager-endpoint is empty");
		}
		String e = endpoint.trim();
		while (e.endsWith("/")) {
			e = e.substring(0, e.length() - 1);
		}
		URI uri = URI.create(e);
		if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new IllegalStateException("slotswap.azure.resource-manager-endpoint must be an http(s) URL: " + e);
		}
		return e;
	}

	static boolean isEmulatorEndpoint(String endpoint) {
		return endpoint.endsWith(BUILT_IN_EMULATOR_PATH);
	}

	private Resolved build(String endpoint) {
		SdkThreads.install();
		boolean emulator = isEmulatorEndpoint(endpoint);
		boolean withCredential = useAzureCredential && !emulator;
		AzureEnvironment environment = environment(endpoint, withCredential);
		AzureProfile profile = new AzureProfile(null, properties.defaultSubscriptionId(), environment);
		Duration timeout = properties.timeout() == null ? Duration.ofSeconds(10) : properties.timeout();
		HttpClient httpClient = httpClient(timeout);
		// One credential for both pipelines: it caches its token, and building it may be expensive
		// (DefaultAzureCredential probes its sources).
		TokenCredential credential = withCredential ? credentials.get() : null;
		// The SDK's own pipeline layout: UserAgent, AddHeadersFromContext, RequestId, ReturnRequestId,
		// Retry, AddDate, [Authentication], ProviderRegistration, HttpLogging. A null credential leaves
		// the authentication policy out.
		// Per retry, in this order: each attempt takes its token of the budget (waiting if need be),
		// a swap then checks its lease right before the wire, and each attempt is timed.
		AzureProperties.Budget budget = properties.budget() == null ? AzureProperties.Budget.AZURE : properties.budget();
		List<HttpPipelinePolicy> spent = budget.enabled() ? List.of(new ArmBudget(budget.spendable(), liveReplicas)) : List.of();
		HttpPipelinePolicy timed = new ArmCallMetrics(registry);
		// Per call, first: the requests of one step are counted for its operation (ArmRequests)
		HttpPipelinePolicy counted = new ArmRequests();
		List<HttpPipelinePolicy> retried = new ArrayList<>(spent);
		retried.add(counted);
		retried.add(timed);
		List<HttpPipelinePolicy> sentOnce = new ArrayList<>(spent);
		sentOnce.add(counted);
		sentOnce.add(new BeforeSendPolicy());
		sentOnce.add(timed);
		HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null,
				new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), null, ArmRetryStrategy.policy(properties),
				retried, httpClient);
		HttpPipeline sendOncePipeline = HttpPipelineProvider.buildHttpPipeline(credential, profile, null,
				new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), null,
				new RetryPolicy(new FixedDelay(0, Duration.ZERO)), sentOnce, httpClient);
		Duration probeTimeout = timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3);
		HttpPipeline probePipeline = new HttpPipelineBuilder().httpClient(httpClient(probeTimeout)).build();
		return new Resolved(endpoint, emulator, environment, pipeline, probePipeline, sendOncePipeline);
	}

	private static HttpClient httpClient(Duration timeout) {
		return new JdkHttpClientBuilder().connectionTimeout(timeout)
			.writeTimeout(timeout)
			.responseTimeout(timeout)
			.readTimeout(timeout)
			.build();
	}

	/**
	 * Azure's environment with our Resource Manager URL (no trailing slash). Against an emulator
	 * the management URL is the emulator too; the Active Directory / Graph entries stay (the SDK's
	 * authorization manager needs them to be present) but are never called without a credential.
	 */
	static AzureEnvironment environment(String endpoint, boolean azure) {
		Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
		endpoints.put("resourceManagerEndpointUrl", endpoint);
		if (!azure) {
			endpoints.put("managementEndpointUrl", endpoint);
		}
		return new AzureEnvironment(endpoints);
	}
}
