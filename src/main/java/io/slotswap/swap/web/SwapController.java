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
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
	@Operation(operationId = "requestSwap", summary = "Request a swap",
			description = "Validates the request, checks the site and slots exist in Azure and accepts the swap. "
					+ "The operation then moves on its own: follow it with GET (waitSeconds to long-poll) or its "
					+ "events. A partial warmup or verification is completed field by field from the site's policy, "
					+ "then from the defaults; the operation shows the effective values. Unknown properties are "
					+ "rejected.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					examples = @ExampleObject(name = "Release", value = OpenApiExamples.SWAP_REQUEST))))
	@ApiResponse(responseCode = "202", description = "Accepted (or, with Idempotent-Replayed: true, the operation "
			+ "an earlier request with the same Idempotency-Key created); Location names the operation",
			headers = { @Header(name = "Location", description = "/api/v1/swaps/{id}", schema = @Schema(type = "string")),
					@Header(name = IDEMPOTENT_REPLAYED, description = "true when this answers a replay of an earlier request",
							schema = @Schema(type = "string", allowableValues = "true")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class),
					examples = @ExampleObject(name = "Accepted", value = OpenApiExamples.OPERATION)))
	@ApiResponse(responseCode = "400", description = "Malformed JSON, unknown property, bad enum or a broken field rule; "
			+ "errors lists each", content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.VALIDATION_PROBLEM)))
	@ApiResponse(responseCode = "403", description = "The caller's roles, or the site's policy, do not allow it",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(name = "Site policy", value = OpenApiExamples.POLICY_FORBIDDEN_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "The site (code SiteNotFound) or a slot (code SlotNotFound) does not exist",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "A swap is already active on this site; activeSwapId names it",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.BUSY_PROBLEM)))
	@ApiResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(
			mediaType = "application/problem+json", examples = @ExampleObject(value = OpenApiExamples.BODY_TOO_LARGE_PROBLEM)))
	@ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(
			mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE_PROBLEM)))
	@ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different request; operationId names "
			+ "the operation it was first used for", content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.IDEMPOTENCY_KEY_REUSED_PROBLEM)))
	@ApiResponse(responseCode = "503", description = "Azure cannot be reached now; Retry-After; nothing persisted",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.AZURE_UNAVAILABLE_PROBLEM)))
	ResponseEntity<SwapOperationView> request(@Valid @RequestBody SwapRequest request,
			@Parameter(description = "1-128 printable ASCII characters, scoped to the caller: the same key with an "
					+ "equal request returns the first operation (Idempotent-Replayed: true), with a different one "
					+ "it is a 422. Kept at least 24 hours.", schema = @Schema(minLength = 1, maxLength = 128))
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

	/**
	 * A plain read (no {@code waitSeconds}): answered on the request thread, without the second
	 * dispatch a long poll needs. The same operation as {@link #get} in the API's description.
	 */
	@Hidden
	@GetMapping(path = "/{id}", params = "!waitSeconds", produces = MediaType.APPLICATION_JSON_VALUE)
	SwapOperationView read(@PathVariable UUID id) {
		return SwapOperationView.of(swaps.get(id));
	}

	@GetMapping(path = "/{id}", params = "waitSeconds", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.VIEWER, ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(operationId = "getSwap", summary = "Read one operation",
			description = "With waitSeconds (a pipeline's long poll): answers as soon as the operation has ended, "
					+ "or after that many seconds with its state then. No thread is held while it waits.")
	@ApiResponse(responseCode = "200", description = "The operation",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class), examples = {
							@ExampleObject(name = "Swapping", value = OpenApiExamples.OPERATION_SWAPPING),
							@ExampleObject(name = "Succeeded", value = OpenApiExamples.OPERATION_SUCCEEDED),
							@ExampleObject(name = "Rolled back", value = OpenApiExamples.OPERATION_ROLLED_BACK) }))
	@ApiResponse(responseCode = "400", description = "Not a UUID, or waitSeconds outside 0-60",
			content = @Content(mediaType = "application/problem+json", examples = {
					@ExampleObject(name = "Not a UUID", value = OpenApiExamples.BAD_ID_PROBLEM),
					@ExampleObject(name = "waitSeconds", value = OpenApiExamples.BAD_WAIT_PROBLEM) }))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "429", description = "The caller already holds 50 long polls; Retry-After",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.TOO_MANY_WAITS_PROBLEM)))
	DeferredResult<SwapOperationView> get(@PathVariable UUID id,
			@Parameter(description = "Wait up to this many seconds for the operation to end",
					schema = @Schema(minimum = "0", maximum = "60", defaultValue = "0"))
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
	@Operation(operationId = "listSwaps", summary = "List operations, newest first",
			description = "Every filter is optional; names compare case-insensitively. active=true: the operations "
					+ "not yet terminal; active=false: the terminal ones.")
	@ApiResponse(responseCode = "200", description = "A page of operations", useReturnTypeSchema = true,
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					examples = @ExampleObject(name = "One active swap", value = OpenApiExamples.PAGE)))
	@ApiResponse(responseCode = "400", description = "A bad filter or page", content = @Content(
			mediaType = "application/problem+json", examples = @ExampleObject(value = OpenApiExamples.BAD_PAGE_PROBLEM)))
	PageView<SwapOperationView> list(@RequestParam(required = false) String subscriptionId,
			@RequestParam(required = false) String resourceGroup, @RequestParam(required = false) String site,
			@RequestParam(required = false) SwapState state, @RequestParam(required = false) Boolean active,
			@Parameter(description = "The page, from 0", schema = @Schema(minimum = "0", defaultValue = "0"))
			@RequestParam(defaultValue = "0") int page,
			@Parameter(description = "Operations per page", schema = @Schema(minimum = "1", maximum = "100",
					defaultValue = "20")) @RequestParam(defaultValue = "20") int size) {
		var filter = new SwapService.Filter(subscriptionId, resourceGroup, site, state, active);
		var pageRequest = Paging.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		return PageView.of(swaps.list(filter, pageRequest).map(SwapOperationView::of));
	}

	/**
	 * The live history: the same path and method as {@link #events}, which documents both (OpenAPI has
	 * one operation per path and method; springdoc would merge the two and show the emitter as a schema).
	 */
	@Hidden
	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
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
	@Operation(operationId = "getSwapEvents", summary = "The operation's history, oldest first; live with Accept: text/event-stream",
			description = "type = TRANSITION or NOTE (something worth knowing that is not a state change: a "
					+ "resumption, a warning, a retry; its fromState = toState = the state then); channel = api, "
					+ "slack or engine; actor = a principal or slotswap.\n\n"
					+ "With Accept: text/event-stream (Server-Sent Events): the history so far, then each new event "
					+ "as it happens (from the database, on any replica); the stream closes after the terminal "
					+ "transition. Each message is named transition or note, its data is the event as JSON, its id "
					+ "the event's history id: send it back as Last-Event-ID to resume after it. The filters apply "
					+ "to the JSON answer only.",
			parameters = @Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID", required = false,
					description = "text/event-stream only: resume after this event id (the id of the last message "
							+ "received)", schema = @Schema(type = "string", example = "42")))
	@ApiResponse(responseCode = "200", description = "The history (application/json), or its live stream (text/event-stream)",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							array = @ArraySchema(schema = @Schema(implementation = SwapEventView.class)),
							examples = @ExampleObject(name = "A swap on its way", value = OpenApiExamples.EVENTS)),
					@Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
							schema = @Schema(type = "string", description = "Server-Sent Events: per event, id (the "
									+ "history id), event (transition or note) and data (the event as JSON, as in "
									+ "the application/json answer)"),
							examples = @ExampleObject(name = "The first three events", value = OpenApiExamples.EVENT_STREAM)) })
	@ApiResponse(responseCode = "400", description = "Not a UUID, a bad filter, or a Last-Event-ID that is not an event id",
			content = @Content(mediaType = "application/problem+json", examples = {
					@ExampleObject(name = "Filter", value = OpenApiExamples.BAD_FILTER_PROBLEM),
					@ExampleObject(name = "Not a UUID", value = OpenApiExamples.BAD_ID_PROBLEM) }))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "429", description = "text/event-stream: the caller already holds 10 live streams; Retry-After",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.TOO_MANY_STREAMS_PROBLEM)))
	List<SwapEventView> events(@PathVariable UUID id, @RequestParam(required = false) EventType type,
			@RequestParam(required = false) String actor,
			@Parameter(schema = @Schema(allowableValues = { "api", "slack", "engine" }))
			@RequestParam(required = false) String channel) {
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
	@Operation(operationId = "approveSwap", summary = "Approve an operation awaiting approval",
			description = "It moves on to SWAPPING. The approver must not be the requester.")
	@ApiResponse(responseCode = "200", description = "The operation, now SWAPPING",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class),
					examples = @ExampleObject(name = "Approved", value = OpenApiExamples.OPERATION_SWAPPING)))
	@ApiResponse(responseCode = "400", description = "Not a UUID", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.BAD_ID_PROBLEM)))
	@ApiResponse(responseCode = "403", description = "The requester may not approve their own swap; or the caller's "
			+ "roles, or the site's policy, do not allow it", content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(name = "Four eyes", value = OpenApiExamples.FOUR_EYES_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "Not AWAITING_APPROVAL (state names its state), being cancelled, "
			+ "or the approval expired", content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.NOT_AWAITING_APPROVAL_PROBLEM)))
	SwapOperationView approve(@PathVariable UUID id, HttpServletRequest http) {
		return SwapOperationView.of(swaps.approve(id, Callers.of(http)));
	}

	@PostMapping(path = "/{id}/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.OPERATOR, ApiSecurity.ADMIN })
	@Operation(operationId = "rollbackSwap", summary = "Swap back what an operation swapped",
			description = "Creates a new operation (rollbackOf = id) that swaps the same pair again. Allowed for the "
					+ "latest operation of the site whose swap is in effect (SUCCEEDED, or FAILED after the swap), once. "
					+ "The rollback skips approval, warms up the slot it swaps back in and verifies per policy.")
	@ApiResponse(responseCode = "202", description = "The new rollback operation; Location names it",
			headers = @Header(name = "Location", description = "/api/v1/swaps/{id} of the rollback",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class),
					examples = @ExampleObject(name = "Rollback", value = OpenApiExamples.ROLLBACK_OPERATION)))
	@ApiResponse(responseCode = "400", description = "Not a UUID", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.BAD_ID_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "Not rollbackable (not in effect, not the latest, already rolled back) "
			+ "or another swap is active on the site", content = @Content(mediaType = "application/problem+json",
					examples = { @ExampleObject(name = "Already rolled back", value = OpenApiExamples.NOT_ROLLBACKABLE_PROBLEM),
							@ExampleObject(name = "Site busy", value = OpenApiExamples.ROLLBACK_BUSY_PROBLEM) }))
	ResponseEntity<SwapOperationView> rollback(@PathVariable UUID id, HttpServletRequest http) {
		var rollback = swaps.rollback(id, Callers.of(http));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/swaps/" + rollback.getId()))
			.body(SwapOperationView.of(rollback));
	}

	@PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER,
			scopes = { ApiSecurity.OPERATOR, ApiSecurity.APPROVER, ApiSecurity.ADMIN })
	@Operation(operationId = "cancelSwap", summary = "Cancel an operation that has not reached SWAPPING",
			description = "CANCELLED now, or shortly when a prepared preview must be reset first. An approver may "
					+ "cancel an operation that awaits approval: a rejection, recorded as such.")
	@ApiResponse(responseCode = "200", description = "The operation",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class),
					examples = @ExampleObject(name = "Cancelled", value = OpenApiExamples.OPERATION_CANCELLED)))
	@ApiResponse(responseCode = "400", description = "Not a UUID", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.BAD_ID_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "403", description = "The caller's roles, or the site's policy, do not allow it; an "
			+ "approver may only cancel (reject) an operation that awaits approval",
			content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
					name = "Approver, not awaiting approval", value = OpenApiExamples.APPROVER_MAY_ONLY_REJECT_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "SWAPPING, VERIFYING, ROLLING_BACK or terminal",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.NOT_CANCELLABLE_PROBLEM)))
	SwapOperationView cancel(@PathVariable UUID id, HttpServletRequest http) {
		Actor caller = Callers.of(http);
		return SwapOperationView.of(Callers.mayOnlyReject(http) ? swaps.reject(id, caller) : swaps.cancel(id, caller));
	}

	@PostMapping(path = "/{id}/reconcile", produces = MediaType.APPLICATION_JSON_VALUE)
	@SecurityRequirement(name = ApiSecurity.BEARER, scopes = { ApiSecurity.ADMIN })
	@Operation(operationId = "reconcileSwap", summary = "Settle a swap stuck past its report deadline on what Azure says (admin)",
			description = "For an operation in SWAPPING or ROLLING_BACK past swap-report-after only. The engine asks "
					+ "Azure at once: the slots' slotSwapStatus shows the swap → it carries on as if Azure had reported "
					+ "success; the polling URL still says running → it stays; Azure no longer knows the swap and shows "
					+ "none → FAILED with NotSwapped. The history records who asked and what Azure showed.")
	@ApiResponse(responseCode = "202", description = "The operation; the engine reconciles it now",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SwapOperationView.class),
					examples = @ExampleObject(name = "Reconciling", value = OpenApiExamples.OPERATION_SWAPPING)))
	@ApiResponse(responseCode = "400", description = "Not a UUID", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.BAD_ID_PROBLEM)))
	@ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = "application/problem+json",
			examples = @ExampleObject(value = OpenApiExamples.SWAP_NOT_FOUND_PROBLEM)))
	@ApiResponse(responseCode = "409", description = "Not SWAPPING or ROLLING_BACK, or not yet past swap-report-after",
			content = @Content(mediaType = "application/problem+json",
					examples = @ExampleObject(value = OpenApiExamples.NOT_RECONCILABLE_PROBLEM)))
	ResponseEntity<SwapOperationView> reconcile(@PathVariable UUID id, HttpServletRequest http) {
		return ResponseEntity.accepted().body(SwapOperationView.of(swaps.reconcile(id, Callers.of(http))));
	}
}
