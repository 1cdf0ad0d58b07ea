package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A value planted in app settings and connection strings (sticky and not, in both slots) never comes
 * out: not in any API answer, history, audit, actuator, webhook or Slack message, nor in the log,
 * after swaps that read, compare and apply those settings (a preview applies the target's sticky
 * settings to the source slot).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT extends FullStackSupport {

	@Test
	void aPlantedSecretValueAppearsNowhere(CapturedOutput log) {
		String secret = "PLANTED-" + UUID.randomUUID();
		List<String> seen = new ArrayList<>();
		for (String rg : List.of("rg-hooks-secrets", "rg-approval-secrets")) {
			String site = newSecretSite(rg, secret);
			String id = requestSwap(swapRequest(rg, site, "\"mode\":\"PREVIEW\""));
			awaitState(id, "AWAITING_APPROVAL");
			seen.add(http.get("/api/v1/sites/" + rg + "/" + site + "/slots/staging/differences?target=production").body());
			seen.add(http.get("/api/v1/sites/" + rg + "/" + site + "/slots").body());
			assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);
			awaitTerminal(id);
			seen.add(http.get("/api/v1/swaps/" + id).body());
			seen.add(http.get("/api/v1/swaps/" + id + "/events").body());
			seen.add(http.get("/api/v1/events?resourceGroup=" + rg).body());
			seen.add(http.get("/api/v1/swaps?resourceGroup=" + rg).body());
			seen.add(http.as(Http.VIEWER).get("/actuator/swaps").body());
			seen.add(http.as(Http.VIEWER).get("/actuator/swaps/" + id).body());
		}
		assertThat(appSettings("rg-approval-secrets", lastSite, "staging").toString()).as("the plant is really there")
			.contains(secret);
		await().atMost(Duration.ofSeconds(30)).until(() -> Receivers.get().at("/hooks/").size() > 0);
		Receivers.get().received.forEach(r -> seen.add(r.body()));

		assertThat(seen).noneMatch(text -> text.contains(secret));
		assertThat(log.getAll()).doesNotContain(secret);
	}

	String lastSite;

	private String newSecretSite(String rg, String secret) {
		String site = "it-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = http.put("/emulator/control/sites/" + rg + "/" + site,
				"{\"slots\":[\"staging\"],\"appSettings\":{\"API_KEY\":\"" + secret + "-prod\",\"ENVIRONMENT\":\""
						+ secret + "-env\"},\"stickyAppSettings\":[\"ENVIRONMENT\"],"
						+ "\"connectionStrings\":{\"Db\":{\"value\":\"Server=db;Password=" + secret
						+ "\",\"type\":\"SQLAzure\"}},\"stickyConnectionStrings\":[\"Db\"]}");
		assertThat(created.status()).as(created.body()).isIn(200, 201);
		deploy(rg, site, "production", "{\"version\":\"1.0.0\",\"healthy\":true}");
		deploy(rg, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true}");
		putAppSettings(rg, site, "staging", "{\"API_KEY\":\"" + secret + "-staging\",\"ENVIRONMENT\":\"" + secret
				+ "-staging-env\"}");
		lastSite = site;
		return site;
	}
}
