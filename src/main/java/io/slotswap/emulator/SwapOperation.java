package io.slotswap.emulator;

import java.time.Instant;

/** One swap as a long-running operation: running until it succeeded or failed with an ARM error. */
final class SwapOperation {

	enum Status {
		RUNNING, SUCCEEDED, FAILED
	}

	private final String id;

	private final String subscriptionId;

	private final String resourceGroup;

	private final String site;

	private final String sourceSlot;

	private final String targetSlot;

	private final String location;

	private final Instant requestedAt;

	private Status status = Status.RUNNING;

	private ArmError error;

	private Instant completedAt;

	SwapOperation(String id, String subscriptionId, String resourceGroup, String site, String sourceSlot,
			String targetSlot, String location, Instant requestedAt) {
		this.id = id;
		this.subscriptionId = subscriptionId;
		this.resourceGroup = resourceGroup;
		this.site = site;
		this.sourceSlot = sourceSlot;
		this.targetSlot = targetSlot;
		this.location = location;
		this.requestedAt = requestedAt;
	}

	String id() {
		return id;
	}

	String subscriptionId() {
		return subscriptionId;
	}

	String resourceGroup() {
		return resourceGroup;
	}

	String site() {
		return site;
	}

	String sourceSlot() {
		return sourceSlot;
	}

	String targetSlot() {
		return targetSlot;
	}

	String location() {
		return location;
	}

	Instant requestedAt() {
		return requestedAt;
	}

	synchronized Status status() {
		return status;
	}

	synchronized ArmError error() {
		return error;
	}

	synchronized Instant completedAt() {
		return completedAt;
	}

	synchronized void succeed(Instant at) {
		status = Status.SUCCEEDED;
		completedAt = at;
	}

	synchronized void fail(ArmError failure, Instant at) {
		status = Status.FAILED;
		error = failure;
		completedAt = at;
	}
}
