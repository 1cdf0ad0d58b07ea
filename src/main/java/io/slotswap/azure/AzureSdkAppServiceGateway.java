package io.slotswap.azure;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.core.util.FluxUtil;
import com.azure.resourcemanager.appservice.fluent.WebAppsClient;
import com.azure.resourcemanager.appservice.fluent.models.SiteConfigResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.SiteInner;
import com.azure.resourcemanager.appservice.fluent.models.SlotConfigNamesResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.SlotDifferenceInner;
import com.azure.resourcemanager.appservice.fluent.models.StringDictionaryInner;
import com.azure.resourcemanager.appservice.models.CsmSlotEntity;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.slotswap.azure.AzureException.Kind;

/**
 * {@link AppServiceGateway} on the Azure SDK's generated {@code WebAppsClient} (one HTTP call per
 * read, unlike the fluent API). Against the emulator only the endpoint and the credential differ
 * (see {@link AzureClients}).
 */
final class AzureSdkAppServiceGateway implements AppServiceGateway {

	/** Cache time of {@link #reachable()}. */
	static final Duration REACHABLE_CACHE = Duration.ofSeconds(10);

	/** Any version Resource Manager accepts will do for the reachability probe. */
	private static final String PROBE_API_VERSION = "2022-03-01";

	private final AzureClients clients;

	private final Object reachableLock = new Object();

	private volatile long reachableCheckedAt;

	private volatile Boolean reachableValue;

	AzureSdkAppServiceGateway(AzureClients clients) {
		this.clients = clients;
	}

	// --- sites and slots ---------------------------------------------------------------------

	@Override
	public SlotInfo slot(SiteRef site, String slot) {
		return call(() -> {
			WebAppsClient webApps = webApps(site);
			if (isProduction(slot)) {
				SiteInner inner = webApps.getByResourceGroup(site.resourceGroup(), site.site());
				return toSlotInfo(site, inner, true);
			}
			SiteInner inner = webApps.getSlot(site.resourceGroup(), site.site(), slot);
			return toSlotInfo(site, inner, false);
		});
	}

	@Override
	public List<SlotInfo> slots(SiteRef site) {
		return call(() -> {
			WebAppsClient webApps = webApps(site);
			List<SlotInfo> slots = new ArrayList<>();
			SiteInner production = webApps.getByResourceGroup(site.resourceGroup(), site.site());
			slots.add(toSlotInfo(site, production, true));
			for (SiteInner inner : webApps.listSlots(site.resourceGroup(), site.site())) {
				slots.add(toSlotInfo(site, inner, false));
			}
			return List.copyOf(slots);
		});
	}

	@Override
	public String autoSwapSlot(SiteRef site, String slot) {
		return call(() -> {
			WebAppsClient webApps = webApps(site);
			SiteConfigResourceInner config = isProduction(slot)
					? webApps.getConfiguration(site.resourceGroup(), site.site())
					: webApps.getConfigurationSlot(site.resourceGroup(), site.site(), slot);
			String autoSwap = config == null ? null : config.autoSwapSlotName();
			return ArmErrors.blank(autoSwap) ? null : autoSwap;
		});
	}

	private static SlotInfo toSlotInfo(SiteRef site, SiteInner inner, boolean production) {
		if (inner == null) {
			throw new AzureException(Kind.NOT_FOUND, "ResourceNotFound", "Resource Manager returned no resource",
					null, null);
		}
		String fullName = inner.name() == null ? site.site() : inner.name();
		int slash = fullName.indexOf('/');
		String siteName = slash < 0 ? fullName : fullName.substring(0, slash);
		String slotName = production ? SlotInfo.PRODUCTION : slash < 0 ? fullName : fullName.substring(slash + 1);
		String resourceGroup = inner.resourceGroup() != null ? inner.resourceGroup()
				: resourceGroupFromId(inner.id(), site.resourceGroup());
		return new SlotInfo(slotName, siteName, resourceGroup, inner.defaultHostname(), inner.state(),
				ArmErrors.blank(inner.targetSwapSlot()) ? null
						: inner.targetSwapSlot(), lastSwap(inner));
	}

	/**
	 * A slot's own {@code slotSwapStatus} (the site's for production): Azure sets it on both slots of
	 * a swap, so each slot tells the last swap it took part in.
	 */
	static SlotSwapStatus lastSwap(SiteInner inner) {
		var status = inner.slotSwapStatus();
		if (status == null) {
			return null;
		}
		return new SlotSwapStatus(status.timestampUtc() == null ? null : status.timestampUtc().toInstant(),
				status.sourceSlotName(), status.destinationSlotName());
	}

	static String resourceGroupFromId(String id, String fallback) {
		if (id == null) {
			return fallback;
		}
		String[] parts = id.split("/");
		for (int i = 0; i < parts.length - 1; i++) {
			if ("resourceGroups".equalsIgnoreCase(parts[i])) {
				return parts[i + 1];
			}
		}
		return fallback;
	}

	// --- settings ----------------------------------------------------------------------------

	@Override
	public Map<String, String> appSettings(SiteRef site, String slot) {
		return call(() -> {
			WebAppsClient webApps = webApps(site);
			StringDictionaryInner settings = isProduction(slot)
					? webApps.listApplicationSettings(site.resourceGroup(), site.site())
					: webApps.listApplicationSettingsSlot(site.resourceGroup(), site.site(), slot);
			if (settings == null || settings.properties() == null) {
				return Map.of();
			}
			return Collections.unmodifiableMap(new LinkedHashMap<>(settings.properties()));
		});
	}

	@Override
	public StickyNames stickyNames(SiteRef site) {
		return call(() -> {
			SlotConfigNamesResourceInner names = webApps(site).listSlotConfigurationNames(site.resourceGroup(),
					site.site());
			if (names == null) {
				return new StickyNames(Set.of(), Set.of());
			}
			return new StickyNames(names(names.appSettingNames()), names(names.connectionStringNames()));
		});
	}

	private static Set<String> names(List<String> names) {
		return names == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(names));
	}

	@Override
	public List<SlotDifference> differences(SiteRef site, String slot, String targetSlot) {
		return call(() -> {
			WebAppsClient webApps = webApps(site);
			CsmSlotEntity entity = new CsmSlotEntity().withTargetSlot(targetSlot).withPreserveVnet(true);
			Iterable<SlotDifferenceInner> diffs = isProduction(slot)
					? webApps.listSlotDifferencesFromProduction(site.resourceGroup(), site.site(), entity)
					: webApps.listSlotDifferencesSlot(site.resourceGroup(), site.site(), slot, entity);
			List<SlotDifference> result = new ArrayList<>();
			for (SlotDifferenceInner d : diffs) {
				result.add(toDifference(d));
			}
			return List.copyOf(result);
		});
	}

	/** Keeps name, type and rule; reduces the two values to which side has one. */
	static SlotDifference toDifference(SlotDifferenceInner d) {
		boolean inCurrent = d.valueInCurrentSlot() != null;
		boolean inTarget = d.valueInTargetSlot() != null;
		String change = inCurrent && !inTarget ? "OnlyInSource" : inTarget && !inCurrent ? "OnlyInTarget" : "Differs";
		return new SlotDifference(d.settingType(), d.settingName(), d.diffRule(), change);
	}

	@Override
	public void applySlotConfig(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet) {
		run(() -> {
			WebAppsClient webApps = clients.webAppsSendOnce(site.subscriptionId());
			CsmSlotEntity entity = new CsmSlotEntity().withTargetSlot(targetSlot).withPreserveVnet(preserveVnet);
			if (isProduction(sourceSlot)) {
				webApps.applySlotConfigToProduction(site.resourceGroup(), site.site(), entity);
			}
			else {
				webApps.applySlotConfigurationSlot(site.resourceGroup(), site.site(), sourceSlot, entity);
			}
		});
	}

	@Override
	public void resetSlotConfig(SiteRef site, String sourceSlot) {
		run(() -> {
			WebAppsClient webApps = webApps(site);
			if (isProduction(sourceSlot)) {
				webApps.resetProductionSlotConfig(site.resourceGroup(), site.site());
			}
			else {
				webApps.resetSlotConfigurationSlot(site.resourceGroup(), site.site(), sourceSlot);
			}
		});
	}

	// --- swaps -------------------------------------------------------------------------------

	/**
	 * The swap POST goes through the send-once pipeline ({@link AzureClients#webAppsSendOnce}): no
	 * retry policy re-sends it, whatever the answer. Its errors are mapped by
	 * {@link ArmErrors#mapSwapRequest}: a 4xx is definite, a connection that could not be opened is
	 * {@link Kind#UNAVAILABLE}, and anything after the request may have gone out (5xx, time-out,
	 * dropped connection) is {@link Kind#AMBIGUOUS}. Serves the forward swap and the rollback alike.
	 */
	@Override
	public SwapProgress startSwap(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet,
			Runnable beforeSend) {
		// Before anything is sent: an error here maps as for any call.
		WebAppsClient webApps = call(() -> clients.webAppsSendOnce(site.subscriptionId()));
		CsmSlotEntity entity = new CsmSlotEntity().withTargetSlot(targetSlot).withPreserveVnet(preserveVnet);
		Context guarded = BeforeSendPolicy.context(beforeSend);
		try {
			Mono<Response<Flux<ByteBuffer>>> initial = isProduction(sourceSlot)
					? webApps.swapSlotWithProductionWithResponseAsync(site.resourceGroup(), site.site(), entity)
						.contextWrite(FluxUtil.toReactorContext(guarded))
					: webApps.swapSlotWithResponseAsync(site.resourceGroup(), site.site(), sourceSlot, entity)
						.contextWrite(FluxUtil.toReactorContext(guarded));
			// The initial answer only (no polling); drain the body so the connection is released.
			SwapLongRunningOperation.InitialAnswer answer = initial
				.flatMap(response -> (response.getValue() == null ? Flux.<ByteBuffer>empty() : response.getValue())
					.then(Mono.fromSupplier(() -> new SwapLongRunningOperation.InitialAnswer(response.getStatusCode(),
							response.getHeaders(),
							response.getRequest() == null ? null : response.getRequest().getUrl().toString()))))
				.block();
			if (answer == null) {
				throw ArmErrors.ambiguous("Resource Manager gave no answer", null, null);
			}
			return SwapLongRunningOperation.initialProgress(answer);
		}
		catch (Exception e) {
			RuntimeException refused = BeforeSendPolicy.refusal(e);
			if (refused != null) {
				throw refused;
			}
			throw ArmErrors.mapSwapRequest(e);
		}
	}

	@Override
	public SwapProgress pollSwap(String pollUrl) {
		URI uri = SwapLongRunningOperation.checkedPollUrl(pollUrl, () -> call(clients::endpoint));
		return call(() -> {
			HttpRequest request = new HttpRequest(HttpMethod.GET, uri.toURL());
			try (HttpResponse response = clients.pipeline().sendSync(request, Context.NONE)) {
				int status = response.getStatusCode();
				byte[] body = status == 202 ? null : readBody(response);
				return SwapLongRunningOperation.pollProgress(status, response.getHeaders(), body, pollUrl);
			}
		});
	}

	private static byte[] readBody(HttpResponse response) {
		byte[] body = response.getBodyAsBinaryData() == null ? null : response.getBodyAsBinaryData().toBytes();
		if (body != null && body.length > SwapLongRunningOperation.MAX_BODY) {
			return null;
		}
		return body;
	}

	// --- probes and health -------------------------------------------------------------------

	@Override
	public URI probeUri(String hostName, String path) {
		String endpoint = call(clients::endpoint);
		return probeUri(endpoint, hostName, path);
	}

	static URI probeUri(String endpoint, String hostName, String path) {
		if (ArmErrors.blank(hostName) || !hostName.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
			throw new IllegalArgumentException("Not a host name: " + hostName);
		}
		String p = ArmErrors.blank(path) ? "/" : path.startsWith("/") ? path : "/" + path;
		if (AzureClients.isEmulatorEndpoint(endpoint)) {
			String base = endpoint.substring(0, endpoint.length() - "/arm".length());
			return URI.create(base + "/sites/" + hostName + p);
		}
		return URI.create("https://" + hostName + p);
	}

	@Override
	public boolean reachable() {
		long now = System.nanoTime();
		Boolean cached = reachableValue;
		if (cached != null && now - reachableCheckedAt < REACHABLE_CACHE.toNanos()) {
			return cached;
		}
		synchronized (reachableLock) {
			cached = reachableValue;
			if (cached != null && System.nanoTime() - reachableCheckedAt < REACHABLE_CACHE.toNanos()) {
				return cached;
			}
			boolean value = probeReachable();
			reachableValue = value;
			reachableCheckedAt = System.nanoTime();
			return value;
		}
	}

	/** Any HTTP answer proves Resource Manager answers; no credential is sent (401 is fine). */
	private boolean probeReachable() {
		try {
			String url = clients.endpoint() + "/subscriptions/" + clients.defaultSubscriptionId()
					+ "/providers/Microsoft.Web?api-version=" + PROBE_API_VERSION;
			try (HttpResponse response = clients.probePipeline()
				.sendSync(new HttpRequest(HttpMethod.GET, URI.create(url).toURL()), Context.NONE)) {
				return response.getStatusCode() > 0;
			}
		}
		catch (Exception unreachable) {
			return false;
		}
	}

	// --- helpers -----------------------------------------------------------------------------

	private WebAppsClient webApps(SiteRef site) {
		return clients.webApps(site.subscriptionId());
	}

	static boolean isProduction(String slot) {
		return slot == null || SlotInfo.PRODUCTION.equalsIgnoreCase(slot);
	}

	interface Call<T> {

		T get() throws Exception;

	}

	static <T> T call(Call<T> call) {
		try {
			return call.get();
		}
		catch (Exception e) {
			throw ArmErrors.map(e);
		}
	}

	static void run(Runnable action) {
		call(() -> {
			action.run();
			return null;
		});
	}
}
