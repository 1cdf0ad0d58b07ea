package io.slotswap.swap;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The engine's bookkeeping of the current state, reset by every transition. Each counter means one thing:
 * <ul>
 * <li>{@code attempts}: tries of the current step that did not get through (an Azure error, an unexpected
 * error), since the step last got through;</li>
 * <li>{@code swapRetries}: swaps that Azure failed transiently and that were sent again;</li>
 * <li>{@code probeStreak}: good probes in a row (positive) or bad ones in a row (negative);</li>
 * <li>{@code probes} and {@code observedMillis}: verification probes made, and the time they covered;
 * time nobody observed (a crash, an outage) does not count;</li>
 * <li>{@code repeatedNote} and {@code noteRepeats}: the last note and how often it came again since (a
 * repeating note is written once, with its count when it stops).</li>
 * </ul>
 */
@Embeddable
class StepProgress {

	@Column(name = "next_run_at", nullable = false)
	private Instant nextRunAt;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "swap_retries", nullable = false)
	private int swapRetries;

	@Column(name = "probe_streak", nullable = false)
	private int probeStreak;

	@Column(name = "probes", nullable = false)
	private int probes;

	@Column(name = "observed_millis", nullable = false)
	private long observedMillis;

	@Column(name = "last_probe_at")
	private Instant lastProbeAt;

	@Column(name = "stuck_reported", nullable = false)
	private boolean stuckReported;

	@Column(name = "repeated_note")
	private String repeatedNote;

	@Column(name = "note_repeats", nullable = false)
	private int noteRepeats;

	@Column(name = "last_runner")
	private String lastRunner;

	protected StepProgress() {
	}

	StepProgress(Instant dueAt) {
		nextRunAt = dueAt;
	}

	/** A new state: everything but the note being repeated and the last runner starts over. */
	void restart(Instant now) {
		nextRunAt = now;
		attempts = 0;
		swapRetries = 0;
		probeStreak = 0;
		probes = 0;
		observedMillis = 0;
		lastProbeAt = null;
		stuckReported = false;
	}

	Instant nextRunAt() {
		return nextRunAt;
	}

	void runAt(Instant at) {
		nextRunAt = at;
	}

	int attempts() {
		return attempts;
	}

	int countAttempt() {
		return ++attempts;
	}

	void gotThrough() {
		attempts = 0;
	}

	int swapRetries() {
		return swapRetries;
	}

	int countSwapRetry() {
		return ++swapRetries;
	}

	int goodProbe() {
		probeStreak = probeStreak < 0 ? 1 : probeStreak + 1;
		return probeStreak;
	}

	int badProbe() {
		probeStreak = probeStreak > 0 ? -1 : probeStreak - 1;
		return -probeStreak;
	}

	int probes() {
		return probes;
	}

	Duration observed() {
		return Duration.ofMillis(observedMillis);
	}

	Instant lastProbeAt() {
		return lastProbeAt;
	}

	/** One more verification probe at {@code now}; {@code observed} of the time since the previous one counts. */
	void verificationProbe(Duration observed, Instant now) {
		probes++;
		observedMillis += observed.toMillis();
		lastProbeAt = now;
	}

	boolean stuckReported() {
		return stuckReported;
	}

	void markStuckReported() {
		stuckReported = true;
	}

	/** Whether {@code message} repeats the last note; counts it if so. */
	boolean repeats(String message) {
		if (message.equals(repeatedNote)) {
			noteRepeats++;
			return true;
		}
		return false;
	}

	/** How often the last note came again since it was written; forgets it and starts with {@code next}. */
	int startNote(String next) {
		int repeats = noteRepeats;
		repeatedNote = next;
		noteRepeats = 0;
		return repeats;
	}

	String repeatedNote() {
		return repeatedNote;
	}

	String lastRunner() {
		return lastRunner;
	}

	void ranOn(String runner) {
		lastRunner = runner;
	}
}
