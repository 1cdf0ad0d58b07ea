package io.slotswap.azure;

/**
 * How many control-plane replicas are live now: Resource Manager's budget is shared evenly among
 * them ({@link AzureProperties.Budget}). The engine knows (its heartbeats); one replica without it.
 */
public interface LiveReplicas {

	/** Live replicas, this one included (at least 1). */
	int count();
}
