package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The pipeline step ({@code src/main/scripts/slotswap-swap.sh}, bash and curl) run as a pipeline
 * runs it, against the whole service: it exits 0 only on SUCCEEDED, and a retried run joins the
 * operation its first attempt started.
 */
class PipelineStepIT extends FullStackSupport {

	static final Path SCRIPT = Path.of("src", "main", "scripts", "slotswap-swap.sh");

	static final Pattern OPERATION = Pattern.compile("[Oo]peration ([0-9a-f-]{36})");

	record Run(int exitCode, String output) {

		String operationId() {
			Matcher id = OPERATION.matcher(output);
			assertThat(id.find()).as(output).isTrue();
			return id.group(1);
		}
	}

	/** Runs the step the way a GitHub Actions job would, as run {@code runId} of the pipeline. */
	Run step(String runId, String... options) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
		command.addAll(List.of(options));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(name -> name.startsWith("SLOTSWAP_") || name.startsWith("GITHUB_")
				|| name.startsWith("BUILD_") || name.equals("TF_BUILD"));
		env.put("SLOTSWAP_URL", "http://localhost:" + port);
		env.put("SLOTSWAP_TOKEN", Http.OPERATOR);
		env.put("GITHUB_ACTIONS", "true");
		env.put("GITHUB_REPOSITORY", "contoso/helloworld");
		env.put("GITHUB_RUN_ID", runId);
		env.put("GITHUB_JOB", "release");
		Process process = builder.start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				return e.toString();
			}
		});
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the step ended").isTrue();
		return new Run(process.exitValue(), output.join());
	}

	static String runId() {
		return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
	}

	@Test
	void aSuccessfulSwapPrintsEveryTransitionAsItHappensAndExitsZero() throws Exception {
		String rg = "rg-pipeline";
		String site = newSite(rg);

		Run run = step(runId(), "--resource-group", rg, "--site", site, "--reason", "Release \"1.1.0\"",
				"--warmup", "{\"consecutiveSuccesses\":1,\"intervalSeconds\":1}");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("Swap Slots: " + site)
			.contains("PENDING -> VALIDATING", "VALIDATING -> WARMING_UP", "WARMING_UP -> SWAPPING",
					"SWAPPING -> SUCCEEDED")
			.contains("SUCCEEDED: " + site);
		JsonNode op = operation(run.operationId());
		assertThat(op.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(op.get("reason").asString()).as("quotes survive the script's JSON").isEqualTo("Release \"1.1.0\"");
		assertThat(op.get("requestedBy").asString()).isEqualTo("dev-operator");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
	}

	@Test
	void aSwapThatFailsExitsNonZeroWithTheErrorCodeAndAnAnnotation() throws Exception {
		String rg = "rg-pipeline";
		String site = newSite(rg);
		deploy(rg, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":false}");

		Run run = step(runId(), "--resource-group", rg, "--site", site, "--warmup",
				"{\"consecutiveSuccesses\":1,\"intervalSeconds\":1,\"timeoutSeconds\":5}");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("WARMING_UP -> FAILED")
			.contains("::error::operation " + run.operationId() + " ended FAILED with WarmupFailed");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}

	@Test
	void aRetriedRunJoinsTheOperationOfItsFirstAttemptWhileItRunsAndAfterItEnded() throws Exception {
		String rg = "rg-pipeline";
		String site = newSite(rg);
		faults("{\"swapDurationMillis\":3000}");
		String runId = runId();
		String[] options = { "--resource-group", rg, "--site", site, "--warmup", "{\"consecutiveSuccesses\":1}" };

		CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> {
			try {
				return step(runId, options);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		String firstId = awaitActiveOperation(rg, site);
		Run retriedWhileRunning = step(runId, options);
		Run retriedAfterwards = step(runId, options);
		Run firstRun = first.join();

		assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
		assertThat(firstRun.operationId()).isEqualTo(firstId);
		for (Run retried : List.of(retriedWhileRunning, retriedAfterwards)) {
			assertThat(retried.exitCode()).as(retried.output()).isZero();
			assertThat(retried.output()).contains("Joined operation " + firstId);
		}
		assertThat(new Clients.Emulator(http).swapCount(rg, site)).as("one swap in Azure").isEqualTo(1);
		assertThat(http.get("/api/v1/swaps?site=" + site).json().get("page").get("totalElements").asLong())
			.isEqualTo(1);

		Run nextRun = step(runId(), options);
		assertThat(nextRun.exitCode()).as("a new run swaps again: " + nextRun.output()).isZero();
		assertThat(nextRun.operationId()).isNotEqualTo(firstId);
	}

	@Test
	void aRefusedRequestExitsWithTheProblemAndChangesNothing() throws Exception {
		Run run = step(runId(), "--resource-group", "rg-pipeline", "--site", "no-such-site-" + runId().substring(0, 6));

		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(run.output()).contains("the swap was refused (404");
	}

	private String awaitActiveOperation(String rg, String site) {
		String[] id = new String[1];
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
			JsonNode page = http.get("/api/v1/swaps?site=" + site + "&active=true").json();
			if (page.get("content").isEmpty()) {
				return false;
			}
			id[0] = page.get("content").get(0).get("id").asString();
			return true;
		});
		return id[0];
	}
}
