package io.slotswap.swap.web;

/** Examples shown in Swagger UI. */
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

	private OpenApiExamples() {
	}
}
