package io.slotswap.swap.engine;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotDifference;
import io.slotswap.azure.SlotInfo;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.azure.StickyNames;
import io.slotswap.azure.SwapProgress;

/**
 * A test double of the gateway port for handler unit tests: slots with their {@code slotSwapStatus},
 * scripted answers to the swap POST and its polls, and a record of what was sent. Integration tests
 * use the real adapter against the emulator instead.
 */
final class FakeGateway implements AppServiceGateway {

	final Map<String, SlotSwapStatus> lastSwap = new HashMap<>();

	final Deque<Object> swapAnswers = new ArrayDeque<>();

	final Deque<Object> pollAnswers = new ArrayDeque<>();

	final List<String> swapsSent = new ArrayList<>();

	int resets;

	AzureException resetError;

	@Override
	public SlotInfo slot(SiteRef site, String slot) {
		return new SlotInfo(slot, site.site(), site.resourceGroup(), site.site() + "-" + slot + ".test", "Running",
				null, lastSwap.get(slot.toLowerCase(Locale.ROOT)));
	}

	@Override
	public List<SlotInfo> slots(SiteRef site) {
		return List.of(slot(site, SlotInfo.PRODUCTION), slot(site, "staging"));
	}

	@Override
	public String autoSwapSlot(SiteRef site, String slot) {
		return null;
	}

	@Override
	public Map<String, String> appSettings(SiteRef site, String slot) {
		return Map.of();
	}

	@Override
	public StickyNames stickyNames(SiteRef site) {
		throw new UnsupportedOperationException();
	}

	@Override
	public List<SlotDifference> differences(SiteRef site, String slot, String targetSlot) {
		throw new UnsupportedOperationException();
	}

	@Override
	public SwapProgress startSwap(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet,
			Runnable beforeSend) {
		beforeSend.run();
		swapsSent.add(sourceSlot + "->" + targetSlot);
		return answer(swapAnswers);
	}

	@Override
	public SwapProgress pollSwap(String pollUrl) {
		return answer(pollAnswers);
	}

	private static SwapProgress answer(Deque<Object> answers) {
		Object next = answers.isEmpty() ? SwapProgress.running("http://arm/poll", null) : answers.poll();
		if (next instanceof AzureException e) {
			throw e;
		}
		return (SwapProgress) next;
	}

	@Override
	public void applySlotConfig(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet) {
	}

	@Override
	public void resetSlotConfig(SiteRef site, String sourceSlot) {
		resets++;
		if (resetError != null) {
			throw resetError;
		}
	}

	@Override
	public URI probeUri(String hostName, String path) {
		return URI.create("http://" + hostName + path);
	}

	@Override
	public boolean reachable() {
		return true;
	}

	/** Azure records a swap of the pair on both slots, as it does. */
	void swapped(String source, String target, java.time.Instant at) {
		SlotSwapStatus status = new SlotSwapStatus(at, source, target);
		lastSwap.put(source.toLowerCase(Locale.ROOT), status);
		lastSwap.put(target.toLowerCase(Locale.ROOT), status);
	}

	static AzureException error(AzureException.Kind kind, String code) {
		return new AzureException(kind, code, code + " from the test", null, null);
	}
}
