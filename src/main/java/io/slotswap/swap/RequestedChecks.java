package io.slotswap.swap;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The effective warm-up and verification of an operation, as requested and completed from policy. */
@Embeddable
class RequestedChecks {

	@Column(name = "warmup_path", nullable = false)
	private String warmupPath;

	@Column(name = "warmup_expected_statuses", nullable = false)
	private String warmupExpectedStatuses;

	@Column(name = "warmup_consecutive_successes", nullable = false)
	private int warmupConsecutiveSuccesses;

	@Column(name = "warmup_interval_seconds", nullable = false)
	private int warmupIntervalSeconds;

	@Column(name = "warmup_timeout_seconds", nullable = false)
	private int warmupTimeoutSeconds;

	@Column(name = "verification_path", nullable = false)
	private String verificationPath;

	@Column(name = "verification_expected_statuses", nullable = false)
	private String verificationExpectedStatuses;

	@Column(name = "verification_duration_seconds", nullable = false)
	private int verificationDurationSeconds;

	@Column(name = "verification_interval_seconds", nullable = false)
	private int verificationIntervalSeconds;

	@Column(name = "verification_failure_threshold", nullable = false)
	private int verificationFailureThreshold;

	@Column(name = "verification_auto_rollback", nullable = false)
	private boolean verificationAutoRollback;

	protected RequestedChecks() {
	}

	RequestedChecks(WarmupSpec warmup, VerificationSpec verification) {
		warmupPath = warmup.path();
		warmupExpectedStatuses = join(warmup.expectedStatuses());
		warmupConsecutiveSuccesses = warmup.consecutiveSuccesses();
		warmupIntervalSeconds = warmup.intervalSeconds();
		warmupTimeoutSeconds = warmup.timeoutSeconds();
		verificationPath = verification.path();
		verificationExpectedStatuses = join(verification.expectedStatuses());
		verificationDurationSeconds = verification.durationSeconds();
		verificationIntervalSeconds = verification.intervalSeconds();
		verificationFailureThreshold = verification.failureThreshold();
		verificationAutoRollback = verification.autoRollback();
	}

	WarmupSpec warmup() {
		return new WarmupSpec(warmupPath, split(warmupExpectedStatuses), warmupConsecutiveSuccesses,
				warmupIntervalSeconds, warmupTimeoutSeconds);
	}

	VerificationSpec verification() {
		return new VerificationSpec(verificationPath, split(verificationExpectedStatuses),
				verificationDurationSeconds, verificationIntervalSeconds, verificationFailureThreshold,
				verificationAutoRollback);
	}

	private static String join(List<Integer> statuses) {
		return statuses.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Integer> split(String statuses) {
		return Arrays.stream(statuses.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}
}
