package io.slotswap.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The emulator's Resource Manager: {@code /emulator/arm} + the real ARM paths of
 * {@code Microsoft.Web/sites} and {@code sites/slots}. One handler routes every path itself
 * (literal segments and names case-insensitive, as ARM does) so that every answer, including
 * unknown paths and faults, is ARM's JSON error envelope.
 */
@RestController
@Conditional(EmulatorEnabledCondition.class)
class ArmController {

	static final String BASE = "/emulator/arm";

	private static final Logger log = LoggerFactory.getLogger(ArmController.class);

	private static final Pattern API_VERSION = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(-preview)?");

	private static final String OLDEST_API_VERSION = "2022-03-01";

	private final SiteRegistry registry;

	private final SlotSwapper swapper;

	private final Faults faults;

	private final ArmResources resources;

	private final Clock clock;

	ArmController(SiteRegistry registry, SlotSwapper swapper, Faults faults, Clock clock) {
		this.registry = registry;
		this.swapper = swapper;
		this.faults = faults;
		this.clock = clock;
		this.resources = new ArmResources(registry);
	}

	@RequestMapping({ BASE, BASE + "/**" })
	ResponseEntity<byte[]> handle(HttpServletRequest request) {
		String requestId = UUID.randomUUID().toString();
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-ms-request-id", requestId);
		headers.set("x-ms-correlation-request-id", requestId);
		try {
			// Azure has the request once it arrived: read it before the latency, so that a caller that
			// dies meanwhile (a control plane killed mid-call) does not stop it being carried out
			byte[] body = readBody(request);
			delay(faults.current().armLatencyMillis());
			faults.onArmCall(subscriptionOf(request), isWrite(request)).ifPresent(fault -> {
				throw fault.exception();
			});
			String apiVersion = checkApiVersion(request);
			ResponseEntity<byte[]> response = route(request, apiVersion, body);
			HttpHeaders merged = new HttpHeaders();
			merged.addAll(response.getHeaders());
			merged.addAll(headers);
			return new ResponseEntity<>(response.getBody(), merged, response.getStatusCode());
		}
		catch (ArmException e) {
			return Json.error(e.error(), headers);
		}
		catch (RuntimeException e) {
			log.error("Emulated ARM call {} {} failed ({})", request.getMethod(), request.getRequestURI(),
					e.getClass().getName());
			return Json.error(ArmErrors.internal(requestId), headers);
		}
	}

	private static void delay(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Resource Manager's budget counts GET as a read, everything else (PUT, PATCH, DELETE, POST actions) as a write. */
	private static boolean isWrite(HttpServletRequest request) {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		return !method.equals("GET") && !method.equals("HEAD");
	}

	/** The {@code {sub}} of {@code /subscriptions/{sub}/...}, "" for a path outside any subscription. */
	private static String subscriptionOf(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String[] segments = path.substring(Math.min(path.length(), BASE.length())).split("/", 4);
		return segments.length >= 3 && segments[1].equalsIgnoreCase("subscriptions") ? decode(segments[2]) : "";
	}

	private static byte[] readBody(HttpServletRequest request) {
		try {
			return request.getInputStream().readAllBytes();
		}
		catch (IOException e) {
			throw ArmErrors.invalidContent("The body could not be read.").exception();
		}
	}

	private static Map<String, String> query(HttpServletRequest request) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = request.getQueryString();
		if (query == null) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
		}
		return params;
	}

	private static String decode(String s) {
		try {
			return URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return s;
		}
	}

	private static String checkApiVersion(HttpServletRequest request) {
		String version = query(request).get("api-version");
		if (version == null || version.isBlank()) {
			throw ArmErrors.missingApiVersion().exception();
		}
		var matcher = API_VERSION.matcher(version.trim());
		if (!matcher.matches() || matcher.group(1).compareTo(OLDEST_API_VERSION) < 0) {
			throw ArmErrors.invalidApiVersion(version).exception();
		}
		return version.trim();
	}

	private ResponseEntity<byte[]> route(HttpServletRequest request, String apiVersion, byte[] body) {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		List<String> segments = new ArrayList<>();
		String[] raw = path.substring(Math.min(path.length(), BASE.length())).split("/", -1);
		for (int i = 1; i < raw.length; i++) {
			boolean trailing = i == raw.length - 1 && raw[i].isEmpty();
			if (!trailing) {
				segments.add(decode(raw[i]));
			}
		}
		if (segments.size() == 8 && literal(segments, 0, "subscriptions") && literal(segments, 2, "providers")
				&& literal(segments, 3, "Microsoft.Web") && literal(segments, 4, "locations")
				&& literal(segments, 6, "operationResults")) {
			requireMethod(method, path, "GET");
			return poll(request, segments.get(7));
		}
		if (segments.size() >= 8 && literal(segments, 0, "subscriptions") && literal(segments, 2, "resourceGroups")
				&& literal(segments, 4, "providers") && literal(segments, 5, "Microsoft.Web")
				&& literal(segments, 6, "sites")) {
			return site(new Call(request, method, path, apiVersion, body, segments.get(1), segments.get(3),
					segments.get(7)), segments.subList(8, segments.size()));
		}
		throw ArmErrors.noHttpResource(method, path).exception();
	}

	private static boolean literal(List<String> segments, int index, String expected) {
		return segments.get(index).equalsIgnoreCase(expected);
	}

	private static void requireMethod(String method, String path, String... allowed) {
		for (String a : allowed) {
			if (a.equals(method)) {
				return;
			}
		}
		throw ArmErrors.methodNotAllowed(method, path).exception();
	}

	/** What one call to a site or slot carries. */
	private record Call(HttpServletRequest request, String method, String path, String apiVersion, byte[] body,
			String subscriptionId, String resourceGroup, String siteName) {

		Map<String, Object> json() {
			return Json.object(body, ArmErrors::invalidContent);
		}
	}

	private ResponseEntity<byte[]> site(Call call, List<String> rest) {
		boolean siteLevel = rest.isEmpty() || !rest.get(0).equalsIgnoreCase("slots");
		if (!siteLevel && rest.size() == 1) {
			requireMethod(call.method(), call.path(), "GET");
			EmulatedSite site = registry.require(call.resourceGroup(), call.siteName());
			return ok(site.locked(() -> resources.slotList(call.subscriptionId(), site)));
		}
		String slotName = siteLevel ? EmulatedSlot.PRODUCTION : rest.get(1);
		String action = String.join("/", siteLevel ? rest : rest.subList(2, rest.size())).toLowerCase(Locale.ROOT);
		switch (action) {
			case "" -> requireMethod(call.method(), call.path(), "GET");
			case "config/web" -> requireMethod(call.method(), call.path(), "GET", "PUT", "PATCH");
			case "config/logs" -> requireMethod(call.method(), call.path(), "GET");
			case "config/appsettings/list", "config/connectionstrings/list", "slotsswap", "slotsdiffs",
					"applyslotconfig", "resetslotconfig" -> requireMethod(call.method(), call.path(), "POST");
			case "config/appsettings", "config/connectionstrings" -> requireMethod(call.method(), call.path(), "PUT");
			case "config/slotconfignames" -> {
				if (!siteLevel) {
					throw ArmErrors.noHttpResource(call.method(), call.path()).exception();
				}
				requireMethod(call.method(), call.path(), "GET", "PUT");
			}
			default -> throw ArmErrors.noHttpResource(call.method(), call.path()).exception();
		}
		EmulatedSite site = registry.require(call.resourceGroup(), call.siteName());
		EmulatedSlot slot = site.locked(() -> site.requireSlot(slotName));
		String sub = call.subscriptionId();
		return switch (action) {
			case "" -> ok(site.locked(() -> resources.site(sub, site, slot)));
			case "config/web" -> webConfig(call, site, slot);
			case "config/logs" -> ok(site.locked(() -> resources.logsConfig(sub, site, slot)));
			case "config/appsettings/list" -> ok(site.locked(() -> resources.appSettings(sub, site, slot)));
			case "config/connectionstrings/list" -> ok(site.locked(() -> resources.connectionStrings(sub, site, slot)));
			case "config/appsettings" -> putAppSettings(call, site, slot);
			case "config/connectionstrings" -> putConnectionStrings(call, site, slot);
			case "config/slotconfignames" -> slotConfigNames(call, site);
			case "slotsswap" -> swap(call, site, slot);
			case "slotsdiffs" -> {
				String target = SlotEntity.parse(call.json()).targetSlot();
				yield ok(site.locked(() -> resources.differences(site, slot, site.requireSlot(target))));
			}
			case "applyslotconfig" -> {
				swapper.applySlotConfig(site, slot.name(), SlotEntity.parse(call.json()).targetSlot());
				yield ResponseEntity.ok().build();
			}
			case "resetslotconfig" -> {
				swapper.resetSlotConfig(site, slot.name());
				yield ResponseEntity.ok().build();
			}
			default -> throw ArmErrors.noHttpResource(call.method(), call.path()).exception();
		};
	}

	private static ResponseEntity<byte[]> ok(Object body) {
		return Json.response(HttpStatus.OK, body);
	}

	/** The resource's {@code properties}, or the body itself when a client sent them flat. */
	private static Map<String, Object> properties(Map<String, Object> json) {
		Object properties = Json.get(json, "properties");
		if (properties == null && !Json.has(json, "properties")) {
			Map<String, Object> flat = new LinkedHashMap<>(json);
			List.of("id", "name", "type", "location", "kind", "tags").forEach(flat::remove);
			return flat;
		}
		Map<String, Object> map = Json.asObject(properties);
		if (properties != null && map == null) {
			throw ArmErrors.invalidContent("'properties' must be a JSON object.").exception();
		}
		return map == null ? new LinkedHashMap<>() : map;
	}

	private ResponseEntity<byte[]> webConfig(Call call, EmulatedSite site, EmulatedSlot slot) {
		if (!call.method().equals("GET")) {
			Map<String, Object> properties = properties(call.json());
			site.locked(() -> {
				site.ensureWritable();
				slot.mergeSiteConfig(properties, clock.instant());
			});
		}
		return ok(site.locked(() -> resources.webConfig(call.subscriptionId(), site, slot)));
	}

	private ResponseEntity<byte[]> putAppSettings(Call call, EmulatedSite site, EmulatedSlot slot) {
		Map<String, String> settings = new LinkedHashMap<>();
		properties(call.json()).forEach((name, value) -> {
			if (value instanceof Map || value instanceof List) {
				throw ArmErrors.invalidContent("App setting '" + name + "' must be a string.").exception();
			}
			if (value != null) {
				settings.put(name, String.valueOf(value));
			}
		});
		site.locked(() -> {
			site.ensureWritable();
			slot.replaceSettings(slot.settings().withAppSettings(settings), clock.instant());
		});
		return ok(site.locked(() -> resources.appSettings(call.subscriptionId(), site, slot)));
	}

	private ResponseEntity<byte[]> putConnectionStrings(Call call, EmulatedSite site, EmulatedSlot slot) {
		Map<String, ConnectionString> strings = new LinkedHashMap<>();
		properties(call.json()).forEach((name, value) -> {
			Map<String, Object> entry = Json.asObject(value);
			if (entry == null) {
				throw ArmErrors.invalidContent("Connection string '" + name + "' must be an object {value, type}.")
						.exception();
			}
			Object type = Json.get(entry, "type");
			Object v = Json.get(entry, "value");
			strings.put(name, new ConnectionString(v == null ? null : String.valueOf(v),
					type == null ? "Custom" : String.valueOf(type)));
		});
		site.locked(() -> {
			site.ensureWritable();
			slot.replaceSettings(slot.settings().withConnectionStrings(strings), clock.instant());
		});
		return ok(site.locked(() -> resources.connectionStrings(call.subscriptionId(), site, slot)));
	}

	private ResponseEntity<byte[]> slotConfigNames(Call call, EmulatedSite site) {
		if (call.method().equals("PUT")) {
			Map<String, Object> properties = properties(call.json());
			SlotConfigNames names = new SlotConfigNames(names(properties, "appSettingNames"),
					names(properties, "connectionStringNames"), names(properties, "azureStorageConfigNames"));
			site.locked(() -> {
				site.ensureWritable();
				site.slotConfigNames(names);
			});
		}
		return ok(site.locked(() -> resources.slotConfigNames(call.subscriptionId(), site)));
	}

	private static List<String> names(Map<String, Object> properties, String field) {
		Object value = Json.get(properties, field);
		if (value == null) {
			return List.of();
		}
		List<?> list = Json.asList(value);
		if (list == null || list.stream().anyMatch(n -> !(n instanceof String))) {
			throw ArmErrors.invalidContent("'" + field + "' must be an array of strings.").exception();
		}
		return list.stream().map(String.class::cast).toList();
	}

	private ResponseEntity<byte[]> swap(Call call, EmulatedSite site, EmulatedSlot source) {
		SlotEntity entity = SlotEntity.parse(call.json());
		SwapOperation operation = swapper.beginSwap(site, call.subscriptionId(), source.name(), entity.targetSlot());
		faults.takeLostSwapAnswer().ifPresent(lost -> {
			log.info("Emulated swap {} started; its answer is lost ({})", operation.id(), lost);
			if (lost == Faults.LostAnswer.CONNECTION_DROPPED && !ConnectionDrop.now(call.request())) {
				log.warn("This server cannot drop a connection; answering 504 instead");
			}
			// after a drop this answer is discarded: the client gets no HTTP response at all
			throw ArmErrors.gatewayTimeout().exception();
		});
		String location = ServletUriComponentsBuilder.fromContextPath(call.request())
				.path(BASE + "/subscriptions/{sub}/providers/Microsoft.Web/locations/{location}/operationResults/{id}")
				.queryParam("api-version", call.apiVersion())
				.buildAndExpand(call.subscriptionId(), locationKey(operation.location()), operation.id())
				.toUriString();
		return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.LOCATION, location)
				.header(HttpHeaders.RETRY_AFTER, "1").build();
	}

	private static String locationKey(String location) {
		return location.replace(" ", "").toLowerCase(Locale.ROOT);
	}

	/** Polling a swap's {@code Location}: 202 while it runs, 200 once done, its ARM error if it failed. */
	private ResponseEntity<byte[]> poll(HttpServletRequest request, String id) {
		SwapOperation operation = swapper.operation(id)
				.orElseThrow(() -> ArmErrors.operationNotFound(id).exception());
		return switch (operation.status()) {
			case RUNNING -> ResponseEntity.status(HttpStatus.ACCEPTED)
					.header(HttpHeaders.LOCATION, ServletUriComponentsBuilder.fromRequest(request).toUriString())
					.header(HttpHeaders.RETRY_AFTER, "1").build();
			case SUCCEEDED -> ResponseEntity.ok().build();
			case FAILED -> throw operation.error().exception();
		};
	}

	/** {@code CsmSlotEntity}: {@code targetSlot} and {@code preserveVnet} are both required. */
	record SlotEntity(String targetSlot, boolean preserveVnet) {

		static SlotEntity parse(Map<String, Object> json) {
			Object target = Json.get(json, "targetSlot");
			if (!(target instanceof String t) || t.isBlank()) {
				throw ArmErrors.invalidContent("Required property 'targetSlot' not found in JSON").exception();
			}
			Object preserveVnet = Json.get(json, "preserveVnet");
			if (!(preserveVnet instanceof Boolean p)) {
				throw ArmErrors.invalidContent(preserveVnet == null ? "Required property 'preserveVnet' not found in JSON"
						: "Property 'preserveVnet' must be a boolean").exception();
			}
			return new SlotEntity(t.trim(), p);
		}
	}
}
