package io.slotswap.swap.web;

import java.util.List;

import io.slotswap.swap.Sites;
import io.slotswap.swap.SwapExceptions;
import io.slotswap.swap.SwapRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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

	private static final String RESOURCE_GROUP_MESSAGE = "may contain letters, digits, '-', '_', '.', '(', ')' and must not end in '.'";

	private static final String SITE_MESSAGE = "must be 2-60 letters, digits or '-', not starting or ending with '-'";

	private static final String SLOT_MESSAGE = "must be 1-59 letters, digits or '-'";

	private final Sites sites;

	SitesController(Sites sites) {
		this.sites = sites;
	}

	@GetMapping(path = "/{resourceGroup}/{site}/slots", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(operationId = "listSlots", summary = "List a site's slots, production first",
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
		checkSite(subscriptionId, resourceGroup, site);
		return sites.slots(subscriptionId, resourceGroup, site).stream().map(SitesController::view).toList();
	}

	@GetMapping(path = "/{resourceGroup}/{site}/slots/{slot}/differences", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(operationId = "getSlotDifferences", summary = "What a swap of a slot into the target would change",
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
			@Parameter(description = "The slot it would be swapped into") @RequestParam(defaultValue = Sites.PRODUCTION) String target,
			@Parameter(description = "Azure subscription (UUID); the configured default when absent")
			@RequestParam(required = false) String subscriptionId) {
		checkSite(subscriptionId, resourceGroup, site);
		check("slot", slot, SwapRequest.Rules.SLOT, SLOT_MESSAGE);
		check("target", target, SwapRequest.Rules.SLOT, SLOT_MESSAGE);
		if (slot.equalsIgnoreCase(target)) {
			throw new SwapExceptions.InvalidRequest("target", "must differ from the slot");
		}
		return sites.differences(subscriptionId, resourceGroup, site, slot, target)
			.stream()
			.map(d -> new SlotDifferenceView(d.type(), d.name(), d.sticky(), d.change()))
			.toList();
	}

	// ------------------------------------------------------------------ helpers

	private static void checkSite(String subscriptionId, String resourceGroup, String site) {
		if (subscriptionId != null) {
			check("subscriptionId", subscriptionId, SwapRequest.Rules.UUID, "must be a UUID");
		}
		check("resourceGroup", resourceGroup, SwapRequest.Rules.RESOURCE_GROUP, RESOURCE_GROUP_MESSAGE);
		check("site", site, SwapRequest.Rules.SITE, SITE_MESSAGE);
	}

	private static void check(String field, String value, String regex, String message) {
		if (value == null || !value.matches(regex)) {
			throw new SwapExceptions.InvalidRequest(field, message);
		}
	}

	private static SlotView view(Sites.Slot slot) {
		Sites.LastSwap last = slot.lastSwap();
		return new SlotView(slot.name(), slot.hostName(), slot.state(), slot.autoSwapSlot(),
				last == null ? null : new SlotView.LastSwap(last.at(), last.sourceSlot(), last.targetSlot()));
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
