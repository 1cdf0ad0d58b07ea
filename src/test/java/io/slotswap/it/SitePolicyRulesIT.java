package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Per-site rules of the policies: who may request and who may approve swaps into which slot of which
 * sites (here: {@code production} of {@code rg-guarded-*}, see {@link FullStackSupport}).
 */
class SitePolicyRulesIT extends FullStackSupport {

	@Test
	void onlyTheRequestersThePolicyNamesMayRequestAndARefusalStoresNothing() {
		String rg = "rg-guarded-1";
		String site = newSite(rg);

		Http.Response refused = http.as(Http.ADMIN).post("/api/v1/swaps", swapRequest(rg, site, ""));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("detail").asString()).contains("dev-admin may not request swaps into production");
		assertThat(http.get("/api/v1/swaps?site=" + site).json().at("/page/totalElements").asLong()).isZero();
		assertThat(requestSwap(swapRequest(rg, site, ""))).as("dev-operator is named").isNotBlank();
	}

	@Test
	void onlyTheApproversThePolicyNamesMayApprove() {
		String rg = "rg-guarded-2";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");

		Http.Response refused = http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "");

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("detail").asString()).contains("dev-approver may not approve");
		assertThat(http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void rejectingAndCancellingFollowTheSameRules() {
		String rg = "rg-guarded-4";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");

		assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + id + "/cancel", "").status())
			.as("dev-approver is not among the approvers: no rejection either").isEqualTo(403);
		assertThat(http.get("/api/v1/swaps/" + id).json().get("state").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/cancel", "").status()).as("an approver it names")
			.isEqualTo(200);
	}

	@Test
	void theRulesCoverTheTargetSlotTheyNameOnly() {
		String rg = "rg-guarded-3";
		String site = newSite(rg, "{}", "[]", "staging", "qa");

		Http.Response intoQa = http.as(Http.ADMIN).post("/api/v1/swaps",
				swapRequest(rg, site, "\"targetSlot\":\"qa\""));

		assertThat(intoQa.status()).as(intoQa.body()).isEqualTo(202);
		assertThat(awaitTerminal(intoQa.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
	}
}
