package io.slotswap.swap.web;

/**
 * Examples of the OpenAPI document (Swagger UI shows them; generated clients' docs too): requests,
 * answers and the problem bodies of the errors, as the service really writes them.
 */
final class OpenApiExamples {

	static final String SWAP_REQUEST = """
			{
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 0, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "reason": "Release 1.1.0"
			}""";

	static final String VALIDATION_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "2 fields are invalid",
			  "instance": "/api/v1/swaps",
			  "errors": [
			    { "field": "site", "message": "must be 2-60 letters, digits or '-', not starting or ending with '-'" },
			    { "field": "warmup.intervalSeconds", "message": "must be 1-60" }
			  ]
			}""";

	static final String NOT_FOUND_PROBLEM = """
			{
			  "type": "/problems/slot-not-found",
			  "title": "Slot not found",
			  "status": 404,
			  "detail": "Slot 'staging2' does not exist on site rg-dss-demo/dss-helloworldapp-prod",
			  "instance": "/api/v1/swaps",
			  "code": "SlotNotFound"
			}""";

	static final String BUSY_PROBLEM = """
			{
			  "type": "/problems/swap-already-active",
			  "title": "A swap is already active on this site",
			  "status": 409,
			  "detail": "A swap is already active on site rg-dss-demo/dss-helloworldapp-prod: 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "instance": "/api/v1/swaps",
			  "activeSwapId": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11"
			}""";

	// ------------------------------------------------------------------ answers

	static final String OPERATION = """
			{
			  "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "state": "PENDING",
			  "terminal": false,
			  "requestedBy": "dev-operator",
			  "approvedBy": null,
			  "reason": "Release 1.1.0",
			  "rollbackOf": null,
			  "rolledBackBy": null,
			  "error": null,
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-22T17:00:00Z",
			  "updatedAt": "2026-11-22T17:00:00Z",
			  "completedAt": null
			}""";

	static final String OPERATION_SUCCEEDED = """
			{
			  "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "state": "SUCCEEDED",
			  "terminal": true,
			  "requestedBy": "dev-operator",
			  "approvedBy": null,
			  "reason": "Release 1.1.0",
			  "rollbackOf": null,
			  "rolledBackBy": null,
			  "error": null,
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-22T17:00:00Z",
			  "updatedAt": "2026-11-22T17:01:42Z",
			  "completedAt": "2026-11-22T17:01:42Z"
			}""";

	static final String OPERATION_ROLLED_BACK = """
			{
			  "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "state": "ROLLED_BACK",
			  "terminal": true,
			  "requestedBy": "dev-operator",
			  "approvedBy": null,
			  "reason": "Release 1.1.0",
			  "rollbackOf": null,
			  "rolledBackBy": null,
			  "error": { "code": "VerificationFailed", "message": "3 consecutive probes of https://dss-helloworldapp-prod.azurewebsites.net/ answered 500" },
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-22T17:00:00Z",
			  "updatedAt": "2026-11-22T17:01:20Z",
			  "completedAt": "2026-11-22T17:01:20Z"
			}""";

	static final String OPERATION_SWAPPING = """
			{
			  "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "PREVIEW",
			  "preserveVnet": true,
			  "state": "SWAPPING",
			  "terminal": false,
			  "requestedBy": "dev-operator",
			  "approvedBy": "dev-approver",
			  "reason": "Release 1.1.0",
			  "rollbackOf": null,
			  "rolledBackBy": null,
			  "error": null,
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-22T17:00:00Z",
			  "updatedAt": "2026-11-22T17:04:10Z",
			  "completedAt": null
			}""";

	static final String OPERATION_CANCELLED = """
			{
			  "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "state": "CANCELLED",
			  "terminal": true,
			  "requestedBy": "dev-operator",
			  "approvedBy": null,
			  "reason": "Release 1.1.0",
			  "rollbackOf": null,
			  "rolledBackBy": null,
			  "error": { "code": "Cancelled", "message": "Cancelled by dev-operator" },
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-22T17:00:00Z",
			  "updatedAt": "2026-11-22T17:00:09Z",
			  "completedAt": "2026-11-22T17:00:09Z"
			}""";

	static final String ROLLBACK_OPERATION = """
			{
			  "id": "9c4e2d71-0b6a-4d3f-8e21-6a7b5c3d2e10",
			  "subscriptionId": "00000000-0000-0000-0000-000000000000",
			  "resourceGroup": "rg-dss-demo",
			  "site": "dss-helloworldapp-prod",
			  "sourceSlot": "staging",
			  "targetSlot": "production",
			  "mode": "SWAP",
			  "preserveVnet": true,
			  "state": "PENDING",
			  "terminal": false,
			  "requestedBy": "dev-operator",
			  "approvedBy": null,
			  "reason": "Rollback of 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "rollbackOf": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "rolledBackBy": null,
			  "error": null,
			  "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			  "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			  "createdAt": "2026-11-23T08:30:00Z",
			  "updatedAt": "2026-11-23T08:30:00Z",
			  "completedAt": null
			}""";

	static final String PAGE = """
			{
			  "content": [
			    {
			      "id": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			      "subscriptionId": "00000000-0000-0000-0000-000000000000",
			      "resourceGroup": "rg-dss-demo",
			      "site": "dss-helloworldapp-prod",
			      "sourceSlot": "staging",
			      "targetSlot": "production",
			      "mode": "SWAP",
			      "preserveVnet": true,
			      "state": "VERIFYING",
			      "terminal": false,
			      "requestedBy": "dev-operator",
			      "approvedBy": null,
			      "reason": "Release 1.1.0",
			      "rollbackOf": null,
			      "rolledBackBy": null,
			      "error": null,
			      "warmup": { "path": "/", "expectedStatuses": [200], "consecutiveSuccesses": 3, "intervalSeconds": 1, "timeoutSeconds": 300 },
			      "verification": { "path": "/", "expectedStatuses": [200], "durationSeconds": 60, "intervalSeconds": 5, "failureThreshold": 3, "autoRollback": true },
			      "createdAt": "2026-11-22T17:00:00Z",
			      "updatedAt": "2026-11-22T17:00:41Z",
			      "completedAt": null
			    }
			  ],
			  "page": { "number": 0, "size": 20, "totalElements": 1, "totalPages": 1 }
			}""";

	static final String EVENTS = """
			[
			  { "at": "2026-11-22T17:00:00Z", "type": "TRANSITION", "fromState": null, "toState": "PENDING", "actor": "dev-operator", "channel": "api", "message": "Swap of staging into production requested: Release 1.1.0" },
			  { "at": "2026-11-22T17:00:00.2Z", "type": "TRANSITION", "fromState": "PENDING", "toState": "VALIDATING", "actor": "slotswap", "channel": "engine", "message": "Validating the site and its slots" },
			  { "at": "2026-11-22T17:00:01Z", "type": "TRANSITION", "fromState": "VALIDATING", "toState": "WARMING_UP", "actor": "slotswap", "channel": "engine", "message": "Site and slots valid; warming up dss-helloworldapp-prod-staging.azurewebsites.net" },
			  { "at": "2026-11-22T17:00:09Z", "type": "TRANSITION", "fromState": "WARMING_UP", "toState": "SWAPPING", "actor": "slotswap", "channel": "engine", "message": "Warm-up passed: 3 consecutive answers 200; swapping staging into production" },
			  { "at": "2026-11-22T17:00:10Z", "type": "NOTE", "fromState": "SWAPPING", "toState": "SWAPPING", "actor": "slotswap", "channel": "engine", "message": "Azure accepted the swap; following it" }
			]""";

	static final String EVENT_STREAM = """
			id: 41
			event: transition
			data: {"at":"2026-11-22T17:00:00Z","type":"TRANSITION","fromState":null,"toState":"PENDING","actor":"dev-operator","channel":"api","message":"Swap of staging into production requested: Release 1.1.0"}

			id: 42
			event: transition
			data: {"at":"2026-11-22T17:00:00.2Z","type":"TRANSITION","fromState":"PENDING","toState":"VALIDATING","actor":"slotswap","channel":"engine","message":"Validating the site and its slots"}

			id: 43
			event: note
			data: {"at":"2026-11-22T17:00:04Z","type":"NOTE","fromState":"VALIDATING","toState":"VALIDATING","actor":"slotswap","channel":"engine","message":"Source slot staging has auto swap configured"}

			""";

	static final String AUDIT_PAGE = """
			{
			  "content": [
			    { "operationId": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11", "at": "2026-11-22T17:04:10Z", "type": "TRANSITION", "fromState": "AWAITING_APPROVAL", "toState": "SWAPPING", "actor": "dev-approver", "channel": "slack", "message": "Approved by dev-approver" },
			    { "operationId": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11", "at": "2026-11-22T17:00:00Z", "type": "TRANSITION", "fromState": null, "toState": "PENDING", "actor": "dev-operator", "channel": "api", "message": "Swap of staging into production requested: Release 1.1.0" }
			  ],
			  "page": { "number": 0, "size": 20, "totalElements": 2, "totalPages": 1 }
			}""";

	// ------------------------------------------------------------------ problems

	static final String BAD_ID_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "id: must be a UUID",
			  "instance": "/api/v1/swaps/not-a-uuid",
			  "errors": [ { "field": "id", "message": "must be a UUID" } ]
			}""";

	static final String BAD_WAIT_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "waitSeconds: must be between 0 and 60",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "errors": [ { "field": "waitSeconds", "message": "must be between 0 and 60" } ]
			}""";

	static final String BAD_PAGE_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "size: must be 1-100",
			  "instance": "/api/v1/swaps",
			  "errors": [ { "field": "size", "message": "must be 1-100" } ]
			}""";

	static final String BAD_FILTER_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "channel: must be one of api, slack, engine",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/events",
			  "errors": [ { "field": "channel", "message": "must be one of api, slack, engine" } ]
			}""";

	static final String BAD_AUDIT_FILTER_PROBLEM = """
			{
			  "type": "/problems/invalid-request",
			  "title": "Invalid request",
			  "status": 400,
			  "detail": "from: has the wrong type",
			  "instance": "/api/v1/events",
			  "errors": [ { "field": "from", "message": "has the wrong type" } ]
			}""";

	static final String SWAP_NOT_FOUND_PROBLEM = """
			{
			  "type": "/problems/swap-not-found",
			  "title": "Swap operation not found",
			  "status": 404,
			  "detail": "No swap operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11"
			}""";

	static final String NOT_AWAITING_APPROVAL_PROBLEM = """
			{
			  "type": "/problems/state-conflict",
			  "title": "Not allowed in the operation's current state",
			  "status": 409,
			  "detail": "Operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11 is WARMING_UP; only an operation AWAITING_APPROVAL can be approved",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/approve",
			  "state": "WARMING_UP"
			}""";

	static final String NOT_CANCELLABLE_PROBLEM = """
			{
			  "type": "/problems/state-conflict",
			  "title": "Not allowed in the operation's current state",
			  "status": 409,
			  "detail": "Operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11 is SWAPPING and can no longer be cancelled",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/cancel",
			  "state": "SWAPPING"
			}""";

	static final String NOT_ROLLBACKABLE_PROBLEM = """
			{
			  "type": "/problems/state-conflict",
			  "title": "Not allowed in the operation's current state",
			  "status": 409,
			  "detail": "Operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11 cannot be rolled back: it was already rolled back by 9c4e2d71-0b6a-4d3f-8e21-6a7b5c3d2e10",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/rollback",
			  "state": "SUCCEEDED"
			}""";

	static final String ROLLBACK_BUSY_PROBLEM = """
			{
			  "type": "/problems/swap-already-active",
			  "title": "A swap is already active on this site",
			  "status": 409,
			  "detail": "A swap is already active on site rg-dss-demo/dss-helloworldapp-prod: 7d3a9e55-1c2b-4f6e-a8d9-0e1f2a3b4c5d",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/rollback",
			  "activeSwapId": "7d3a9e55-1c2b-4f6e-a8d9-0e1f2a3b4c5d"
			}""";

	static final String NOT_RECONCILABLE_PROBLEM = """
			{
			  "type": "/problems/state-conflict",
			  "title": "Not allowed in the operation's current state",
			  "status": 409,
			  "detail": "Operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11 is VERIFYING; only an operation SWAPPING or ROLLING_BACK can be reconciled",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/reconcile",
			  "state": "VERIFYING"
			}""";

	static final String BODY_TOO_LARGE_PROBLEM = """
			{
			  "type": "/problems/body-too-large",
			  "title": "Body too large",
			  "status": 413,
			  "detail": "The body is over 64 KiB",
			  "instance": "/api/v1/swaps"
			}""";

	static final String UNSUPPORTED_MEDIA_TYPE_PROBLEM = """
			{
			  "type": "/problems/unsupported-media-type",
			  "title": "Unsupported Media Type",
			  "status": 415,
			  "detail": "Send the body as application/json",
			  "instance": "/api/v1/swaps"
			}""";

	static final String IDEMPOTENCY_KEY_REUSED_PROBLEM = """
			{
			  "type": "/problems/idempotency-key-reused",
			  "title": "Idempotency-Key reused with a different request",
			  "status": 422,
			  "detail": "This Idempotency-Key was already used with a different request; use a new key for a new request",
			  "instance": "/api/v1/swaps",
			  "operationId": "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11"
			}""";

	static final String AZURE_UNAVAILABLE_PROBLEM = """
			{
			  "type": "/problems/azure-unavailable",
			  "title": "Azure cannot be reached now",
			  "status": 503,
			  "detail": "Azure Resource Manager cannot be reached now; nothing was changed. Try again later.",
			  "instance": "/api/v1/swaps"
			}""";

	static final String TOO_MANY_WAITS_PROBLEM = """
			{
			  "type": "/problems/too-many-waits",
			  "title": "Too many long polls",
			  "status": 429,
			  "detail": "ci-pipeline already waits on 50 operations; let one answer first, or read without waitSeconds",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11"
			}""";

	static final String TOO_MANY_STREAMS_PROBLEM = """
			{
			  "type": "/problems/too-many-streams",
			  "title": "Too many live event streams",
			  "status": 429,
			  "detail": "dev-viewer already has 10 live event streams open; close one, or read the history without Accept: text/event-stream",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/events"
			}""";

	static final String FOUR_EYES_PROBLEM = """
			{
			  "type": "/problems/forbidden",
			  "title": "Not allowed",
			  "status": 403,
			  "detail": "The requester of a swap may not approve it; ask another approver",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/approve"
			}""";

	static final String POLICY_FORBIDDEN_PROBLEM = """
			{
			  "type": "/problems/forbidden",
			  "title": "Not allowed",
			  "status": 403,
			  "detail": "dev-operator may not request swaps into production of rg-dss-demo/dss-helloworldapp-prod: the site's policy names who may",
			  "instance": "/api/v1/swaps"
			}""";

	static final String APPROVER_MAY_ONLY_REJECT_PROBLEM = """
			{
			  "type": "/problems/forbidden",
			  "title": "Not allowed",
			  "status": 403,
			  "detail": "An approver may reject an operation that awaits approval; operation 5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11 is WARMING_UP, and cancelling it needs the operator role",
			  "instance": "/api/v1/swaps/5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11/cancel"
			}""";

	// the three every protected operation may answer (io.slotswap.security, before any controller)

	static final String UNAUTHORIZED_PROBLEM = """
			{
			  "type": "/problems/unauthorized",
			  "title": "Unauthorized",
			  "status": 401,
			  "detail": "A valid bearer token is required: Authorization: Bearer <token>.",
			  "instance": "/api/v1/swaps"
			}""";

	static final String ROLE_FORBIDDEN_PROBLEM = """
			{
			  "type": "/problems/forbidden",
			  "title": "Forbidden",
			  "status": 403,
			  "detail": "Your roles do not allow this action.",
			  "instance": "/api/v1/swaps"
			}""";

	static final String RATE_LIMITED_PROBLEM = """
			{
			  "type": "/problems/rate-limited",
			  "title": "Too Many Requests",
			  "status": 429,
			  "detail": "Too many requests from dev-operator; try again after Retry-After seconds.",
			  "instance": "/api/v1/swaps"
			}""";

	private OpenApiExamples() {
	}
}
