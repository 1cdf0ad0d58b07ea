package io.slotswap.swap.web;

import java.time.Instant;
import java.util.UUID;

import io.slotswap.swap.Channel;
import io.slotswap.swap.EventType;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapService;
import io.slotswap.swap.SwapState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/events}: the audit trail across operations, for "who touched production last month". */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Audit", description = "Every operation's history in one place")
class AuditController {

	private final SwapService swaps;

	AuditController(SwapService swaps) {
		this.swaps = swaps;
	}

	/** One event of the audit trail: a history entry with the operation it belongs to. */
	record AuditEventView(UUID operationId, Instant at, EventType type, SwapState fromState, SwapState toState,
			String actor, Channel channel, String message) {

		static AuditEventView of(SwapEvent event) {
			return new AuditEventView(event.getOperationId(), event.getAt(), event.getType(), event.getFromState(),
					event.getToState(), event.getActor(), event.getChannel(), event.getMessage());
		}
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(operationId = "listAuditEvents", summary = "The audit trail across operations, newest first",
			description = "Every field is optional; names compare case-insensitively; from (inclusive) and to "
					+ "(exclusive) are ISO-8601 instants.")
	@ApiResponse(responseCode = "200", description = "A page of events, each with the operation it belongs to",
			useReturnTypeSchema = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					examples = @ExampleObject(name = "An approval in Slack", value = OpenApiExamples.AUDIT_PAGE)))
	@ApiResponse(responseCode = "400", description = "A bad filter or page", content = @Content(
			mediaType = "application/problem+json", examples = @ExampleObject(value = OpenApiExamples.BAD_AUDIT_FILTER_PROBLEM)))
	PageView<AuditEventView> events(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String subscriptionId, @RequestParam(required = false) String resourceGroup,
			@RequestParam(required = false) String site, @RequestParam(required = false) EventType type,
			@Parameter(example = "2026-11-01T00:00:00Z") @RequestParam(required = false) Instant from,
			@Parameter(example = "2026-12-01T00:00:00Z") @RequestParam(required = false) Instant to,
			@Parameter(description = "The page, from 0", schema = @Schema(minimum = "0", defaultValue = "0"))
			@RequestParam(defaultValue = "0") int page,
			@Parameter(description = "Events per page", schema = @Schema(minimum = "1", maximum = "100",
					defaultValue = "20")) @RequestParam(defaultValue = "20") int size) {
		var filter = new SwapService.AuditFilter(actor, subscriptionId, resourceGroup, site, type, from, to);
		var pageRequest = Paging.of(page, size, Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id")));
		return PageView.of(swaps.audit(filter, pageRequest).map(AuditEventView::of));
	}
}
