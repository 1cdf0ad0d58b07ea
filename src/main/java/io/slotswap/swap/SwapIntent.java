package io.slotswap.swap;

import java.time.Instant;

import io.slotswap.azure.SlotSwapStatus;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What the engine knows about the swap it sends (forward in SWAPPING, back in ROLLING_BACK), persisted
 * before each action so that a repeated step never sends the swap blindly:
 * <ul>
 * <li>{@code requestedAt} and the last swap of the two slots as seen before sending ({@code statusBefore*});
 * a newer status of the same pair later means the swap happened;</li>
 * <li>the polling URL from Azure's 202 (what survives a restart);</li>
 * <li>{@code answerLostAt}: a send whose answer was lost (504, dropped connection): the outcome is unknown
 * and must be reconciled before anything is sent again;</li>
 * <li>{@code sends}: how often the swap POST went out for this state.</li>
 * </ul>
 */
@Embeddable
public class SwapIntent {

	@Column(name = "swap_requested_at")
	private Instant requestedAt;

	@Column(name = "swap_status_before_at")
	private Instant statusBeforeAt;

	@Column(name = "swap_status_before_source")
	private String statusBeforeSource;

	@Column(name = "swap_status_before_target")
	private String statusBeforeTarget;

	@Column(name = "swap_poll_url")
	private String pollUrl;

	@Column(name = "swap_answer_lost_at")
	private Instant answerLostAt;

	@Column(name = "swap_sends", nullable = false)
	private int sends;

	protected SwapIntent() {
	}

	static SwapIntent none() {
		return new SwapIntent();
	}

	/** Whether a swap was (or is about to be) sent in the current state. */
	public boolean recorded() {
		return requestedAt != null;
	}

	public Instant requestedAt() {
		return requestedAt;
	}

	/** The newest last swap of the two slots as seen before sending, or null if they had none. */
	public SlotSwapStatus statusBefore() {
		return statusBeforeAt == null ? null
				: new SlotSwapStatus(statusBeforeAt, statusBeforeSource, statusBeforeTarget);
	}

	public String pollUrl() {
		return pollUrl;
	}

	/** When a send's answer was lost, or null: the swap may or may not have been accepted. */
	public Instant answerLostAt() {
		return answerLostAt;
	}

	public int sends() {
		return sends;
	}

	void record(SlotSwapStatus before, Instant now) {
		requestedAt = now;
		statusBeforeAt = before == null ? null : before.timestampUtc();
		statusBeforeSource = before == null ? null : before.sourceSlotName();
		statusBeforeTarget = before == null ? null : before.destinationSlotName();
		pollUrl = null;
		answerLostAt = null;
	}

	void sending() {
		sends++;
	}

	/** Azure accepted the swap and gave its polling URL: the outcome is known to be running. */
	void accepted(String url) {
		pollUrl = url;
		answerLostAt = null;
	}

	void answerLost(Instant now) {
		answerLostAt = now;
		pollUrl = null;
	}

	/**
	 * Azure definitely did not take this send (a 4xx, a 429, no connection). Unless an earlier send's
	 * answer was lost (then the facts from before it stay, to judge whether it happened), the next
	 * send records fresh facts.
	 */
	void notAccepted() {
		if (answerLostAt == null) {
			requestedAt = null;
			statusBeforeAt = null;
			statusBeforeSource = null;
			statusBeforeTarget = null;
		}
		pollUrl = null;
	}

	void forgetPollUrl() {
		pollUrl = null;
	}

	/** Azure failed the swap and left both slots as they were: the next send records its own facts. */
	void restart() {
		requestedAt = null;
		statusBeforeAt = null;
		statusBeforeSource = null;
		statusBeforeTarget = null;
		pollUrl = null;
		answerLostAt = null;
	}

	void clear() {
		restart();
		sends = 0;
	}
}
