package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** {@code /api/v1/sites}: a site's slots and what a swap would change, over HTTP against the emulator. */
class SitesIT extends FullStackSupport {

	static final String RG = "rg-sites";

	static final String SECRET = "s3cr3t-Value-42";

	String armSlot(String site, String slot) {
		return "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG + "/providers/Microsoft.Web/sites/"
				+ site + ("production".equals(slot) ? "" : "/slots/" + slot);
	}

	@Test
	void aFreshSiteListsProductionFirstWithoutALastSwap() {
		String site = newSite(RG);

		Http.Response response = http.get("/api/v1/sites/" + RG + "/" + site + "/slots");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode slots = response.json();
		assertThat(slots.size()).isEqualTo(2);
		JsonNode production = slots.get(0);
		JsonNode staging = slots.get(1);
		assertThat(production.get("name").asString()).isEqualTo("production");
		assertThat(production.get("hostName").asString()).isEqualToIgnoringCase(site + ".emulator.local");
		assertThat(production.get("state").asString()).isEqualTo("Running");
		assertThat(production.has("autoSwapSlot")).isTrue();
		assertThat(production.get("lastSwap").isNull()).isTrue();
		assertThat(staging.get("name").asString()).isEqualTo("staging");
		assertThat(staging.get("hostName").asString()).isEqualToIgnoringCase(site + "-staging.emulator.local");
		assertThat(staging.get("lastSwap").isNull()).isTrue();
	}

	@Test
	void afterASwapTheLastSwapNamesStagingIntoProductionOnTheSlotsItInvolved() {
		String site = newSite(RG, "{}", "[]", "staging", "qa");
		String id = http.post("/api/v1/swaps", swapRequest(RG, site, "")).json().get("id").asString();
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");

		JsonNode slots = http.get("/api/v1/sites/" + RG + "/" + site + "/slots?subscriptionId=" + SUBSCRIPTION).json();

		assertThat(names(slots)).containsExactly("production", "staging", "qa");
		for (int i = 0; i < 2; i++) {
			JsonNode lastSwap = slots.get(i).get("lastSwap");
			assertThat(lastSwap.get("sourceSlot").asString()).isEqualToIgnoringCase("staging");
			assertThat(lastSwap.get("targetSlot").asString()).isEqualToIgnoringCase("production");
			assertThat(lastSwap.get("at").asString()).isNotBlank();
		}
		assertThat(slots.get(2).get("lastSwap").isNull()).as("qa took no part in the swap").isTrue();
	}

	@Test
	void differencesNameWhatASwapWouldChangeButNeverAValue() {
		String site = newSite(RG, "{\"ENVIRONMENT\":\"production\",\"GREETING\":\"hello from 1.0.0\","
				+ "\"SHARED\":\"same\",\"LEGACY_FLAG\":\"on\"}", "[\"ENVIRONMENT\"]", "staging");
		Http.Response settings = http.put(armSlot(site, "staging") + "/config/appsettings?api-version=2025-03-01",
				"{\"properties\":{\"ENVIRONMENT\":\"staging\",\"GREETING\":\"hello from 1.1.0\",\"SHARED\":\"same\","
						+ "\"API_KEY\":\"" + SECRET + "\"}}");
		assertThat(settings.status()).as(settings.body()).isEqualTo(200);
		Http.Response strings = http.put(armSlot(site, "staging") + "/config/connectionstrings?api-version=2025-03-01",
				"{\"properties\":{\"MainDb\":{\"value\":\"Server=db;Password=" + SECRET + "\",\"type\":\"SQLAzure\"}}}");
		assertThat(strings.status()).as(strings.body()).isEqualTo(200);
		Http.Response sticky = http.put(armSlot(site, "production") + "/config/slotConfigNames?api-version=2025-03-01",
				"{\"properties\":{\"appSettingNames\":[\"ENVIRONMENT\"],\"connectionStringNames\":[\"MainDb\"],"
						+ "\"azureStorageConfigNames\":[]}}");
		assertThat(sticky.status()).as(sticky.body()).isEqualTo(200);

		Http.Response response = http.get("/api/v1/sites/" + RG + "/" + site + "/slots/staging/differences");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(SECRET)
			.doesNotContain("hello from")
			.doesNotContain("Server=db")
			.doesNotContain("value");
		List<String> entries = new ArrayList<>();
		for (JsonNode d : response.json()) {
			assertThat(d.properties().stream().map(e -> e.getKey()).toList())
				.containsExactlyInAnyOrder("type", "name", "sticky", "change");
			entries.add(d.get("type").asString() + " " + d.get("name").asString() + " sticky="
					+ d.get("sticky").asBoolean() + " " + d.get("change").asString());
		}
		assertThat(entries).containsExactly(
				"AppSetting API_KEY sticky=false OnlyInSource",
				"AppSetting ENVIRONMENT sticky=true Differs",
				"AppSetting GREETING sticky=false Differs",
				"AppSetting LEGACY_FLAG sticky=false OnlyInTarget",
				"ConnectionString MainDb sticky=true OnlyInSource");

		Http.Response explicitTarget = http
			.get("/api/v1/sites/" + RG + "/" + site + "/slots/staging/differences?target=production&subscriptionId="
					+ SUBSCRIPTION);
		assertThat(explicitTarget.status()).isEqualTo(200);
		assertThat(explicitTarget.json()).isEqualTo(response.json());
	}

	@Test
	void slotsThatAgreeHaveNoDifferences() {
		String site = newSite(RG, "{\"GREETING\":\"hello\"}", "[]", "staging");

		Http.Response response = http.get("/api/v1/sites/" + RG + "/" + site + "/slots/staging/differences");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().isArray()).isTrue();
		assertThat(response.json().size()).isZero();
	}

	@Test
	void anUnknownSiteIsA404SiteNotFound() {
		for (String path : List.of("/api/v1/sites/" + RG + "/no-such-site/slots",
				"/api/v1/sites/" + RG + "/no-such-site/slots/staging/differences")) {
			Http.Response response = http.get(path);
			assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("code").asString()).isEqualTo("SiteNotFound");
			assertThat(response.json().get("instance").asString()).isEqualTo(path);
		}
	}

	@Test
	void anUnknownSlotOrTargetIsA404SlotNotFound() {
		String site = newSite(RG);
		for (String path : List.of("/slots/staging2/differences", "/slots/staging/differences?target=qa")) {
			Http.Response response = http.get("/api/v1/sites/" + RG + "/" + site + path);
			assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().get("code").asString()).isEqualTo("SlotNotFound");
			assertThat(response.json().get("detail").asString()).contains(path.contains("qa") ? "'qa'" : "'staging2'");
		}
	}

	@Test
	void badNamesAre400Problems() {
		String site = newSite(RG);
		assertBadRequest("/api/v1/sites/" + RG + "/-bad/slots", "site");
		assertBadRequest("/api/v1/sites/" + RG + "/a/slots", "site");
		assertBadRequest("/api/v1/sites/rg./" + site + "/slots", "resourceGroup");
		assertBadRequest("/api/v1/sites/" + RG + "/" + site + "/slots?subscriptionId=sub-1", "subscriptionId");
		assertBadRequest("/api/v1/sites/" + RG + "/" + site + "/slots/stag_ing/differences", "slot");
		assertBadRequest("/api/v1/sites/" + RG + "/" + site + "/slots/staging/differences?target=pro%20duction",
				"target");
	}

	@Test
	void aSlotComparedWithItselfIsA400() {
		String site = newSite(RG);
		assertBadRequest("/api/v1/sites/" + RG + "/" + site + "/slots/production/differences", "target");
		assertBadRequest("/api/v1/sites/" + RG + "/" + site + "/slots/staging/differences?target=STAGING", "target");
	}

	@Test
	void anUnreachableAzureIsA503WithRetryAfter() {
		String site = newSite(RG);
		try {
			assertThat(http.put("/emulator/control/faults",
					"{\"armLatencyMillis\":0,\"swapDurationMillis\":300,\"throttleEveryNth\":0,\"failNextSwaps\":0,\"transientErrorRate\":1.0}")
				.status()).isEqualTo(200);
			for (String path : List.of("/slots", "/slots/staging/differences")) {
				Http.Response response = http.get("/api/v1/sites/" + RG + "/" + site + path);
				assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(503);
				assertThat(response.contentType()).startsWith("application/problem+json");
				assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
			}
		}
		finally {
			http.put("/emulator/control/faults",
					"{\"armLatencyMillis\":0,\"swapDurationMillis\":300,\"throttleEveryNth\":0,\"failNextSwaps\":0,\"transientErrorRate\":0.0}");
		}
	}

	@Test
	void theOpenApiDocumentShowsBothEndpointsWithExamplesAndErrors() {
		JsonNode paths = http.get("/v3/api-docs").json().get("paths");
		for (String path : List.of("/api/v1/sites/{resourceGroup}/{site}/slots",
				"/api/v1/sites/{resourceGroup}/{site}/slots/{slot}/differences")) {
			JsonNode responses = paths.get(path).get("get").get("responses");
			assertThat(responses.propertyNames()).as(path).contains("200", "400", "404", "503");
			assertThat(responses.get("200").toString()).as(path).contains("examples");
			assertThat(responses.get("404").toString()).as(path).contains("application/problem+json");
		}
	}

	void assertBadRequest(String path, String field) {
		Http.Response response = http.get(path);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode errors = response.json().get("errors");
		assertThat(errors.size()).isEqualTo(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
	}

	static List<String> names(JsonNode slots) {
		List<String> names = new ArrayList<>();
		slots.forEach(slot -> names.add(slot.get("name").asString()));
		return names;
	}
}
