package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ApprovalAndPreviewIT extends FullStackSupport {

	static final String STICKY = "{\"ENVIRONMENT\":\"production\",\"GREETING\":\"hello\"}";

	@Test
	void aPolicyRequiringApprovalHoldsTheSwapUntilSomeoneApproves() {
		String rg = "rg-approval-1";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));

		awaitState(id, "AWAITING_APPROVAL");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		Http.Response approved = http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "");

		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		assertThat(approved.json().get("requestedBy").asString()).isEqualTo(Http.OPERATOR);
		assertThat(approved.json().get("approvedBy").asString()).isEqualTo(Http.APPROVER);
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "AWAITING_APPROVAL",
				"SWAPPING", "SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
		Http.Response again = http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
	}

	@Test
	void theRequesterOfASwapMayNotApproveItEvenAsAnAdmin() {
		String rg = "rg-approval-4";
		String site = newSite(rg);
		Http.Response accepted = http.as(Http.ADMIN).post("/api/v1/swaps", swapRequest(rg, site, ""));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		awaitState(id, "AWAITING_APPROVAL");

		Http.Response own = http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/approve", "");

		assertThat(own.status()).isEqualTo(403);
		assertThat(own.contentType()).startsWith("application/problem+json");
		assertThat(own.json().get("detail").asString()).contains("may not approve");
		assertThat(http.get("/api/v1/swaps/" + id).json().get("state").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);
		assertThat(awaitTerminal(id).get("approvedBy").asString()).isEqualTo(Http.APPROVER);
	}

	@Test
	void anApproverMayRejectButNotCancelASwapOnItsWay() {
		String rg = "rg-reject";
		String site = newSite(rg);
		deploy(rg, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":false}");
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "WARMING_UP");

		Http.Response refused = http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("detail").asString()).contains("operator");
		assertThat(http.post("/api/v1/swaps/" + id + "/cancel", "").status()).as("an operator may").isEqualTo(200);
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void anApproverMayRejectASwapAwaitingApproval() {
		String rg = "rg-approval-2";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");

		Http.Response rejected = http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(rejected.status()).isEqualTo(200);
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(http.get("/api/v1/swaps/" + id + "/events?type=TRANSITION").body())
			.contains("Rejected by " + Http.APPROVER);
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}

	@Test
	void aPreviewAppliesTheTargetsStickySettingsAndCancellingRestoresTheSourcesOwn() {
		String rg = "rg-preview";
		String site = newSite(rg, STICKY, "[\"ENVIRONMENT\"]", "staging");
		putAppSettings(rg, site, "staging", "{\"ENVIRONMENT\":\"staging\",\"GREETING\":\"hello\"}");
		String id = requestSwap(swapRequest(rg, site, "\"mode\":\"PREVIEW\""));

		awaitState(id, "AWAITING_APPROVAL");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "APPLYING_CONFIG", "WARMING_UP",
				"AWAITING_APPROVAL");
		assertThat(appSettings(rg, site, "staging").get("ENVIRONMENT").asString()).isEqualTo("production");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");

		assertThat(http.post("/api/v1/swaps/" + id + "/cancel", "").status()).isEqualTo(200);

		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(appSettings(rg, site, "staging").get("ENVIRONMENT").asString()).isEqualTo("staging");
		assertThat(http.get("/emulator/control/sites/" + rg + "/" + site).body()).doesNotContain("\"targetSwapSlot\":\"");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		String next = requestSwap(swapRequest(rg, site, ""));
		assertThat(awaitTerminal(next).get("state").asString()).as("the site is not left prepared").isEqualTo("SUCCEEDED");
	}

	@Test
	void anApprovedPreviewCompletesTheSwapAndStickySettingsStay() {
		String rg = "rg-preview";
		String site = newSite(rg, STICKY, "[\"ENVIRONMENT\"]", "staging");
		putAppSettings(rg, site, "staging", "{\"ENVIRONMENT\":\"staging\",\"GREETING\":\"hello\"}");
		String id = requestSwap(swapRequest(rg, site, "\"mode\":\"PREVIEW\""));
		awaitState(id, "AWAITING_APPROVAL");

		assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);

		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
		assertThat(appSettings(rg, site, "production").get("ENVIRONMENT").asString()).isEqualTo("production");
		assertThat(appSettings(rg, site, "staging").get("ENVIRONMENT").asString()).isEqualTo("staging");
	}

	@Test
	void aPreviewNobodyApprovesExpiresAndTheSlotIsReset() {
		String rg = "rg-expiry-1";
		String site = newSite(rg, STICKY, "[\"ENVIRONMENT\"]", "staging");
		putAppSettings(rg, site, "staging", "{\"ENVIRONMENT\":\"staging\",\"GREETING\":\"hello\"}");
		String id = requestSwap(swapRequest(rg, site, "\"mode\":\"PREVIEW\""));
		awaitState(id, "AWAITING_APPROVAL");

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("ApprovalExpired");
		assertThat(appSettings(rg, site, "staging").get("ENVIRONMENT").asString()).isEqualTo("staging");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}

	@Test
	void aSitePreparedForASwapBySomeoneElseFailsValidationWithoutTouchingIt() {
		String rg = "rg-preview";
		String site = newSite(rg);
		Http.Response prepared = http.post("/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + rg
				+ "/providers/Microsoft.Web/sites/" + site + "/slots/staging/applySlotConfig?api-version=2025-03-01",
				"{\"targetSlot\":\"production\",\"preserveVnet\":true}");
		assertThat(prepared.status()).as(prepared.body()).isEqualTo(200);

		String id = requestSwap(swapRequest(rg, site, ""));
		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("SitePreparedForSwap");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "FAILED");
		assertThat(http.get("/emulator/control/sites/" + rg + "/" + site).body())
			.as("slotswap never resets a preview it did not start")
			.contains("\"targetSwapSlot\":\"production\"");
	}
}
