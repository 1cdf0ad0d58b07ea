package io.slotswap.emulator;

import java.time.Instant;

/** The Resource Manager errors the emulator answers with, worded as Azure words them. */
final class ArmErrors {

	static final String SLOT_PREPARED_FOR_SWAP = "SlotPreparedForSwap";

	private ArmErrors() {
	}

	static ArmError missingApiVersion() {
		return new ArmError(400, "MissingApiVersionParameter",
				"The api-version query parameter (?api-version=) is required for all requests.");
	}

	static ArmError invalidApiVersion(String version) {
		return new ArmError(400, "InvalidApiVersionParameter", "The api-version '" + version
				+ "' is invalid. The supported versions are '2022-03-01' and later (format 'yyyy-MM-dd[-preview]').");
	}

	static ArmError noHttpResource(String method, String path) {
		return new ArmError(404, "NotFound",
				"No HTTP resource was found that matches the request URI '" + path + "' (" + method + ").");
	}

	static ArmError methodNotAllowed(String method, String path) {
		return new ArmError(405, "MethodNotAllowed",
				"The requested resource '" + path + "' does not support http method '" + method + "'.");
	}

	static ArmError resourceGroupNotFound(String resourceGroup) {
		return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
	}

	static ArmError siteNotFound(String resourceGroup, String site) {
		return new ArmError(404, "ResourceNotFound", "The Resource 'Microsoft.Web/sites/" + site
				+ "' under resource group '" + resourceGroup
				+ "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
	}

	static ArmError slotNotFound(String resourceGroup, String site, String slot) {
		return new ArmError(404, "ResourceNotFound", "The Resource 'Microsoft.Web/sites/" + site + "/slots/" + slot
				+ "' under resource group '" + resourceGroup
				+ "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
	}

	static ArmError operationNotFound(String id) {
		return new ArmError(404, "NotFound", "Operation '" + id + "' was not found.");
	}

	static ArmError invalidContent(String detail) {
		return new ArmError(400, "InvalidRequestContent",
				"The request content was invalid and could not be deserialized: '" + detail + "'.");
	}

	static ArmError badRequest(String message) {
		return new ArmError(400, "BadRequest", message);
	}

	/** 409 while a swap runs on the site: what Azure answers to any write in that time. */
	static ArmError busy(SwapOperation operation, String site, String resourceGroup) {
		return new ArmError(409, "Conflict",
				"Cannot modify this site because another operation is in progress. Details: Id: " + operation.id()
						+ ", OperationName: SwapSiteSlots, CreatedTime: " + operation.requestedAt()
						+ ", WebSystemName: " + site + ", SubscriptionName: " + operation.subscriptionId()
						+ ", WebspaceName: " + resourceGroup + "-webspace, SourceSlotName: " + operation.sourceSlot()
						+ ", DestinationSlotName: " + operation.targetSlot());
	}

	/** 409 while a swap with preview is prepared (after applySlotConfig, before swap or reset). */
	static ArmError prepared(String site, String preparedSlot, String preparedTarget) {
		return new ArmError(409, SLOT_PREPARED_FOR_SWAP, "Cannot modify site '" + site + "' because its slot '"
				+ preparedSlot + "' has already been prepared for swap with slot '" + preparedTarget
				+ "'. Complete the swap (slotsswap with targetSlot '" + preparedTarget
				+ "') or cancel it (resetSlotConfig) first.");
	}

	/** The transient failure Azure reports at the end of a swap: nothing changed, retry. */
	static ArmError allocationChanged(String site, String source, String target) {
		return new ArmError(400, "BadRequest", "Failed to swap site slots for site '" + site + "' (slot '" + source
				+ "' with slot '" + target + "'): The allocation of VM instances for the site changed during the"
				+ " swap operation. Please retry the operation.");
	}

	static ArmError warmupFailed(String site, String slot, String path, String expected, int lastStatus,
			int attempts) {
		return new ArmError(417, "ExpectationFailed", "Failed to swap site slots for site '" + site
				+ "': the '" + slot + "' slot did not respond to http ping. (path '" + path + "', expected statuses "
				+ expected + ", last status " + lastStatus + " after " + attempts + " attempts)");
	}

	static ArmError throttled() {
		return new ArmError(429, "TooManyRequests",
				"The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. Retry after 1 second.",
				1);
	}

	/** The {@code armBudget}'s 429: the subscription's read or write bucket is empty for that many seconds. */
	static ArmError budgetExhausted(String subscriptionId, boolean write, int retryAfterSeconds) {
		return new ArmError(429, "TooManyRequests", "Number of '" + (write ? "write" : "read")
				+ "' requests for subscription '" + subscriptionId + "' exceeded. Please try again after '"
				+ retryAfterSeconds + "' seconds after additional tokens are available.", retryAfterSeconds);
	}

	static ArmError transientFailure(boolean unavailable) {
		return unavailable
				? new ArmError(503, "ServiceUnavailable",
						"The service is currently unavailable (emulated transient fault). Please retry.", 1)
				: new ArmError(500, "InternalServerError",
						"Encountered internal server error (emulated transient fault). Please retry.");
	}

	/** What Resource Manager answers when the resource provider did not answer in time; the call may have happened. */
	static ArmError gatewayTimeout() {
		return new ArmError(504, "GatewayTimeout",
				"The gateway did not receive a response from 'Microsoft.Web' within the specified time period.");
	}

	static ArmError internal(String requestId) {
		return new ArmError(500, "InternalServerError",
				"Encountered internal server error. Diagnostic information: request id " + requestId + ", timestamp "
						+ Instant.now() + ".");
	}
}
