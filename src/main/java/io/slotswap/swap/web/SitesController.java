package io.slotswap.swap.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.AzureProperties;
import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotDifference;
import io.slotswap.azure.SlotInfo;
import io.slotswap.azure.StickyNames;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapExceptions;
import io.slotswap.swap.SwapRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sites}: what a portal shows before a swap — a site's slots and what a swap of two
 * of them would change. Read-only; setting values never leave the service.
 */
@RestController
@RequestMapping("/api/v1/sites")
@Tag(name = "Sites", description = "A site's slots and what a swap would change")
class SitesController {

	private static final Duration AZURE_RETRY_AFTER = Duration.ofSeconds(5);

	private static final String RESOURCE_GROUP_MESSAGE = "may contain letters, digits, '-', '_', '.', '(', ')' and must not end in '.'";

	private static final String SITE_MESSAGE = "must be 2-60 letters, digits or '-', not starting or ending with '-'";

	private static final String SLOT_MESSAGE = "must be 1-59 letters, digits or '-'";

	private final AppServiceGateway gateway;

	private final AzureProperties azure;

	SitesController(AppServiceGateway gateway, AzureProperties azure) {
		this.gateway = gateway;
		this.azure = azure;
	}

	@GetMapping("/{resourceGroup}/{site}/slots")
	@Operation(summary = "List a site's slots, production first",
			description = "lastSwap is the site's last swap (Azure's slotSwapStatus: when, from which slot into which; "
					+ "Azure keeps no result). It appears on the slots that swap involved and is null on the others "
					+ "and on every slot of a site that was never swapped.")
	@ApiResponse(responseCode = "200", description = "The slots",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = SlotView.class)),
					examples = @ExampleObject(name = "After a swap of staging into production", value = SLOTS_EXAMPLE)))
	@ApiResponse(responseCode = "400", description = "A bad resource group, site or subscription id",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = BAD_NAME_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "The site does not exist (code SiteNotFound)",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = SITE_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "503", description = "Azure cannot be reached now; Retry-After",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = UNAVAILABLE_PROBLEM)))
	List<SlotView> slots(@Parameter(example = "rg-dss-demo") @PathVariable String resourceGroup,
			@Parameter(example = "dss-helloworldapp-prod") @PathVariable String site,
			@Parameter(description = "Azure subscription (UUID); the configured default when absent")
			@RequestParam(required = false) String subscriptionId) {
		SiteRef ref = siteRef(subscriptionId, resourceGroup, site);
		List<SlotInfo> slots = azure(() -> gateway.slots(ref), ref, null);
		SlotView.LastSwap lastSwap = slots.stream()
			.filter(SlotInfo::isProduction)
			.map(SlotInfo::lastSwap)
			.filter(status -> status != null)
			.findFirst()
			.map(SlotView.LastSwap::of)
			.orElse(null);
		return slots.stream()
			.sorted(Comparator.comparing((SlotInfo slot) -> !slot.isProduction()))
			.map(slot -> SlotView.of(slot, lastSwap))
			.toList();
	}

	@GetMapping("/{resourceGroup}/{site}/slots/{slot}/differences")
	@Operation(summary = "What a swap of a slot into the target would change",
			description = "Azure's slot differences (slotsdiffs) by name only: type, name, whether the name is a slot "
					+ "setting (sticky: it stays with its slot) and on which side a value exists. Values are never "
					+ "returned. Ordered by type (AppSetting, ConnectionString, General), then name.")
	@ApiResponse(responseCode = "200", description = "The differences; empty when the slots agree",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = SlotDifferenceView.class)),
					examples = @ExampleObject(name = "staging into production", value = DIFFERENCES_EXAMPLE)))
	@ApiResponse(responseCode = "400", description = "A bad name, or the slot is the target",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = SAME_SLOT_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "The site (code SiteNotFound) or a slot (code SlotNotFound) does not exist",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = SLOT_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "503", description = "Azure cannot be reached now; Retry-After",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = UNAVAILABLE_PROBLEM)))
	List<SlotDifferenceView> differences(@Parameter(example = "rg-dss-demo") @PathVariable String resourceGroup,
			@Parameter(example = "dss-helloworldapp-prod") @PathVariable String site,
			@Parameter(description = "The slot that would be swapped (the source)", example = "staging")
			@PathVariable String slot,
			@Parameter(description = "The slot it would be swapped into") @RequestParam(defaultValue = SlotInfo.PRODUCTION) String target,
			@Parameter(description = "Azure subscription (UUID); the configured default when absent")
			@RequestParam(required = false) String subscriptionId) {
		SiteRef ref = siteRef(subscriptionId, resourceGroup, site);
		check("slot", slot, SwapRequest.Rules.SLOT, SLOT_MESSAGE);
		check("target", target, SwapRequest.Rules.SLOT, SLOT_MESSAGE);
		if (slot.equalsIgnoreCase(target)) {
			throw new SwapExceptions.InvalidRequest("target", "must differ from the slot");
		}
		List<SlotDifference> differences = azure(() -> gateway.differences(ref, slot, target), ref,
				List.of(slot, target));
		if (differences.isEmpty()) {
			return List.of();
		}
		StickyNames sticky = azure(() -> gateway.stickyNames(ref), ref, null);
		return differences.stream()
			.map(difference -> SlotDifferenceView.of(difference, sticky))
			.sorted(Comparator.comparingInt((SlotDifferenceView d) -> typeOrder(d.type()))
				.thenComparing(d -> d.name() == null ? "" : d.name(), String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	// ------------------------------------------------------------------ helpers

	private SiteRef siteRef(String subscriptionId, String resourceGroup, String site) {
		if (subscriptionId != null) {
			check("subscriptionId", subscriptionId, SwapRequest.Rules.UUID, "must be a UUID");
		}
		check("resourceGroup", resourceGroup, SwapRequest.Rules.RESOURCE_GROUP, RESOURCE_GROUP_MESSAGE);
		check("site", site, SwapRequest.Rules.SITE, SITE_MESSAGE);
		return new SiteRef(subscriptionId != null ? subscriptionId : azure.defaultSubscriptionId(), resourceGroup, site);
	}

	private static void check(String field, String value, String regex, String message) {
		if (value == null || !value.matches(regex)) {
			throw new SwapExceptions.InvalidRequest(field, message);
		}
	}

	/**
	 * One read from Azure in our refusals: 404 as SiteNotFound or SlotNotFound (telling them apart
	 * by asking for production), anything else as 503.
	 * @param slots the slots the call named besides production, or null when it named the site only
	 */
	private <T> T azure(Supplier<T> call, SiteRef site, List<String> slots) {
		try {
			return call.get();
		}
		catch (AzureException e) {
			if (e.kind() != AzureException.Kind.NOT_FOUND) {
				throw unavailable(e);
			}
			if (slots == null || !siteExists(site)) {
				throw siteNotFound(site);
			}
			String missing = slots.stream()
				.filter(slot -> !SlotInfo.PRODUCTION.equalsIgnoreCase(slot) && !slotExists(site, slot))
				.findFirst()
				.orElse(null);
			if (missing == null) {
				// Both exist now: one of them vanished and came back between the calls; say which were asked for.
				throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SLOT_NOT_FOUND, "Slot '" + String.join("' or '", slots)
						+ "' does not exist on site " + site.resourceGroup() + "/" + site.site());
			}
			throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SLOT_NOT_FOUND,
					"Slot '" + missing + "' does not exist on site " + site.resourceGroup() + "/" + site.site());
		}
	}

	private boolean siteExists(SiteRef site) {
		return slotExists(site, SlotInfo.PRODUCTION);
	}

	private boolean slotExists(SiteRef site, String slot) {
		try {
			gateway.slot(site, slot);
			return true;
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return false;
			}
			throw unavailable(e);
		}
	}

	private static SwapExceptions.SiteOrSlotNotFound siteNotFound(SiteRef site) {
		return new SwapExceptions.SiteOrSlotNotFound(SwapError.SITE_NOT_FOUND, "Site " + site.resourceGroup() + "/"
				+ site.site() + " does not exist in subscription " + site.subscriptionId());
	}

	private static SwapExceptions.AzureUnavailable unavailable(AzureException e) {
		if (e.isTransient()) {
			return new SwapExceptions.AzureUnavailable("Azure Resource Manager cannot be reached now. Try again later.",
					e.retryAfter() != null ? e.retryAfter() : AZURE_RETRY_AFTER);
		}
		return new SwapExceptions.AzureUnavailable("Azure Resource Manager refused the lookup (" + e.code() + ").",
				AZURE_RETRY_AFTER);
	}

	private static int typeOrder(String type) {
		return switch (type) {
			case SlotDifferenceView.APP_SETTING -> 0;
			case SlotDifferenceView.CONNECTION_STRING -> 1;
			default -> 2;
		};
	}

	// ------------------------------------------------------------------ Swagger UI examples

	static final String SLOTS_EXAMPLE = """
			[
			  {
			    "name": "production",
			    "hostName": "dss-helloworldapp-prod.azurewebsites.net",
			    "state": "Running",
			    "autoSwapSlot": null,
			    "lastSwap": { "at": "2026-11-20T09:14:03.512Z", "sourceSlot": "staging", "targetSlot": "production" }
			  },
			  {
			    "name": "staging",
			    "hostName": "dss-helloworldapp-prod-staging.azurewebsites.net",
			    "state": "Running",
			    "autoSwapSlot": null,
			    "lastSwap": { "at": "2026-11-20T09:14:03.512Z", "sourceSlot": "staging", "targetSlot": "production" }
			  },
			  {
			    "name": "qa",
			    "hostName": "dss-helloworldapp-prod-qa.azurewebsites.net",
			    "state": "Stopped",
			    "autoSwapSlot": "staging",
			    "lastSwap": null
			  }
			]""";

	static final String DIFFERENCES_EXAMPLE = """
			[
			  { "type": "AppSetting", "name": "ENVIRONMENT", "sticky": true, "change": "Differs" },
			  { "type": "AppSetting", "name": "FEATURE_X_ENABLED", "sticky": false, "change": "OnlyInSource" },
			  { "type": "ConnectionString", "name": "LegacyDb", "sticky": false, "change": "OnlyInTarget" },
			  { "type": "General", "name": "Auto swap", "sticky": false, "change": "Differs" }
			]""";

	static final String BAD_NAME_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "site: must be 2-60 letters, digits or '-', not starting or ending with '-'",
			  "instance": "/api/v1/sites/rg-dss-demo/-bad/slots",
			  "errors": [ { "field": "site", "message": "must be 2-60 letters, digits or '-', not starting or ending with '-'" } ]
			}""";

	static final String SAME_SLOT_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "target: must differ from the slot",
			  "instance": "/api/v1/sites/rg-dss-demo/dss-helloworldapp-prod/slots/production/differences",
			  "errors": [ { "field": "target", "message": "must differ from the slot" } ]
			}""";

	static final String SITE_NOT_FOUND_PROBLEM = """
			{
			  "type": "/problems/site-not-found",
			  "title": "Site not found",
			  "status": 404,
			  "detail": "Site rg-dss-demo/dss-helloworldapp-test does not exist in subscription 00000000-0000-0000-0000-000000000000",
			  "instance": "/api/v1/sites/rg-dss-demo/dss-helloworldapp-test/slots",
			  "code": "SiteNotFound"
			}""";

	static final String SLOT_NOT_FOUND_PROBLEM = """
			{
			  "type": "/problems/slot-not-found",
			  "title": "Slot not found",
			  "status": 404,
			  "detail": "Slot 'staging2' does not exist on site rg-dss-demo/dss-helloworldapp-prod",
			  "instance": "/api/v1/sites/rg-dss-demo/dss-helloworldapp-prod/slots/staging2/differences",
			  "code": "SlotNotFound"
			}""";

	static final String UNAVAILABLE_PROBLEM = """
			{
			  "type": "/problems/azure-unavailable",
			  "title": "Azure cannot be reached now",
			  "status": 503,
			  "detail": "Azure Resource Manager cannot be reached now. Try again later.",
			  "instance": "/api/v1/sites/rg-dss-demo/dss-helloworldapp-prod/slots"
			}""";
}
