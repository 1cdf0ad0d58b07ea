package io.slotswap.swap.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.slotswap.swap.Actor;
import io.slotswap.swap.Channel;
import io.slotswap.swap.EventType;
import io.slotswap.swap.SwapExceptions;
import io.slotswap.swap.SwapOperationView;
import io.slotswap.swap.SwapRequest;
import io.slotswap.swap.SwapService;
import io.slotswap.swap.SwapState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/swaps}: request, read and cancel swap operations. */
@RestController
@RequestMapping("/api/v1/swaps")
@Tag(name = "Swaps", description = "Request a slot swap and follow it to the end")
class SwapController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final String IDEMPOTENCY_KEY_PATTERN = "^[\\x20-\\x7E]{1,128}$";

	private final SwapService swaps;

	private final EventStreams streams;

	private final OperationWaits waits;

	SwapController(SwapService swaps, EventStreams streams, OperationWaits waits) {
		this.swaps = swaps;
		this.streams = streams;
		this.waits = waits;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.OPERATOR, ApiSecurity.ADMIN })
	@Operation(summary = "Request a swap",
			description = "Validates the request, checks the site and slots exist in Azure and accepts the swap. "
					+ "The operation then moves on its own: follow it with GET or its events.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					examples = @ExampleObject(name = "Release", value = OpenApiExamples.SWAP_REQUEST))))
	@ApiResponse(responseCode = "202", description = "Accepted; Location names the operation")
	@ApiResponse(responseCode = "400", description = "Malformed JSON, unknown property or a broken field rule",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.VALIDATION_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "The site or a slot does not exist",
			content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = OpenApiExamples.NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "A swap is already active on this site; activeSwapId names it",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.BUSY_PROBLEM)))
	@ApiResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different request",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "Azure cannot be reached now; Retry-After; nothing persisted",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<SwapOperationView> request(@Valid @RequestBody SwapRequest request,
			@Parameter(description = "1-128 printable ASCII characters; a replay returns the first operation")
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			HttpServletRequest http) {
		if (idempotencyKey != null && !idempotencyKey.matches(IDEMPOTENCY_KEY_PATTERN)) {
			throw new SwapExceptions.InvalidRequest(IDEMPOTENCY_KEY, "must be 1-128 printable ASCII characters");
		}
		SwapService.Accepted accepted = swaps.request(request, Callers.of(http), idempotencyKey);
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted()
			.location(URI.create("/api/v1/swaps/" + accepted.operation().getId()));
		if (accepted.replayed()) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(SwapOperationView.of(accepted.operation()));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "Read one operation",
			description = "With waitSeconds (a pipeline's long poll): answers as soon as the operation has ended, "
					+ "or after that many seconds with its state then. No thread is held while it waits.")
	@ApiResponse(responseCode = "200", description = "The operation")
	@ApiResponse(responseCode = "400", description = "Not a UUID, or waitSeconds outside 0-60",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "The caller already holds 50 long polls; Retry-After",
			content = @Content(mediaType = "application/problem+json"))
	DeferredResult<SwapOperationView> get(@PathVariable UUID id,
			@Parameter(description = "Wait up to this many seconds for the operation to end",
					schema = @Schema(minimum = "0", maximum = "60"))
			@RequestParam(defaultValue = "0") int waitSeconds, HttpServletRequest http) {
		if (waitSeconds < 0 || waitSeconds > OperationWaits.MAX_WAIT_SECONDS) {
			throw new SwapExceptions.InvalidRequest("waitSeconds", "must be between 0 and "
					+ OperationWaits.MAX_WAIT_SECONDS);
		}
		return waits.await(id, waitSeconds, Callers.of(http).name());
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "List operations, newest first")
	@ApiResponse(responseCode = "200", description = "A page of operations")
	@ApiResponse(responseCode = "400", description = "A bad filter or page", content = @Content(mediaType = "application/problem+json"))
	PageView<SwapOperationView> list(@RequestParam(required = false) String subscriptionId,
			@RequestParam(required = false) String resourceGroup, @RequestParam(required = false) String site,
			@RequestParam(required = false) SwapState state, @RequestParam(required = false) Boolean active,
			@RequestParam(defaultValue = "0") int page,
			@Parameter(schema = @Schema(minimum = "1", maximum = "100")) @RequestParam(defaultValue = "20") int size) {
		var filter = new SwapService.Filter(subscriptionId, resourceGroup, site, state, active);
		var pageRequest = Paging.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		return PageView.of(swaps.list(filter, pageRequest).map(SwapOperationView::of));
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "The operation's history, live (Server-Sent Events)",
			description = "The history so far, then each new event as it happens (on any replica); the stream "
					+ "closes after the terminal transition. Each event's id is its history id: send it back as "
					+ "Last-Event-ID to resume.")
	@ApiResponse(responseCode = "200", description = "text/event-stream of events named transition or note")
	SseEmitter eventStream(@PathVariable UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest http) {
		long after = 0;
		if (lastEventId != null) {
			try {
				after = Long.parseLong(lastEventId.trim());
			}
			catch (NumberFormatException e) {
				throw new SwapExceptions.InvalidRequest("Last-Event-ID", "must be an event id from this stream");
			}
		}
		return streams.open(id, after, Callers.of(http).name());
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "The operation's history, oldest first",
			description = "type = TRANSITION or NOTE; channel = api, slack or engine; actor = a principal or slotswap")
	@ApiResponse(responseCode = "200", description = "The history")
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	List<SwapEventView> events(@PathVariable UUID id, @RequestParam(required = false) EventType type,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String channel) {
		Channel parsedChannel = null;
		if (channel != null) {
			try {
				parsedChannel = Channel.fromWireName(channel);
			}
			catch (IllegalArgumentException e) {
				throw new SwapExceptions.InvalidRequest("channel", "must be one of api, slack, engine");
			}
		}
		return swaps.history(id, new SwapService.EventFilter(type, actor, parsedChannel))
			.stream()
			.map(SwapEventView::of)
			.toList();
	}

	@PostMapping(path = "/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "Approve an operation awaiting approval",
			description = "It moves on to SWAPPING. The approver must not be the requester.")
	@ApiResponse(responseCode = "200", description = "The operation, now SWAPPING")
	@ApiResponse(responseCode = "403", description = "The requester may not approve their own swap",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "Not AWAITING_APPROVAL", content = @Content(mediaType = "application/problem+json"))
	SwapOperationView approve(@PathVariable UUID id, HttpServletRequest http) {
		return SwapOperationView.of(swaps.approve(id, Callers.of(http)));
	}

	@PostMapping(path = "/{id}/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.OPERATOR, ApiSecurity.ADMIN })
	@Operation(summary = "Swap back what an operation swapped",
			description = "Creates a new operation (rollbackOf = id) that swaps the same pair again. Allowed for the "
					+ "latest operation of the site whose swap is in effect (SUCCEEDED, or FAILED after the swap), once.")
	@ApiResponse(responseCode = "202", description = "The new rollback operation; Location names it")
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "Not rollbackable (not in effect, not the latest, already rolled back) "
			+ "or another swap is active on the site", content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<SwapOperationView> rollback(@PathVariable UUID id, HttpServletRequest http) {
		var rollback = swaps.rollback(id, Callers.of(http));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/swaps/" + rollback.getId()))
			.body(SwapOperationView.of(rollback));
	}

	@PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(summary = "Cancel an operation that has not reached SWAPPING",
			description = "CANCELLED now, or shortly when a prepared preview must be reset first")
	@ApiResponse(responseCode = "200", description = "The operation")
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "SWAPPING, VERIFYING, ROLLING_BACK or terminal",
			content = @Content(mediaType = "application/problem+json"))
	SwapOperationView cancel(@PathVariable UUID id, HttpServletRequest http) {
		Actor caller = Callers.of(http);
		return SwapOperationView.of(Callers.mayOnlyReject(http) ? swaps.reject(id, caller) : swaps.cancel(id, caller));
	}

	@PostMapping(path = "/{id}/reconcile", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.ADMIN })
	@Operation(summary = "Settle a swap stuck past its report deadline on what Azure says (admin)",
			description = "For an operation in SWAPPING or ROLLING_BACK past swap-report-after only. The engine asks "
					+ "Azure at once: the slots' slotSwapStatus shows the swap → it carries on as if Azure had reported "
					+ "success; the polling URL still says running → it stays; Azure no longer knows the swap and shows "
					+ "none → FAILED with NotSwapped. The history records who asked and what Azure showed.")
	@ApiResponse(responseCode = "202", description = "The operation; the engine reconciles it now")
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "Not SWAPPING or ROLLING_BACK, or not yet past swap-report-after",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<SwapOperationView> reconcile(@PathVariable UUID id, HttpServletRequest http) {
		return ResponseEntity.accepted().body(SwapOperationView.of(swaps.reconcile(id, Callers.of(http))));
	}
}
