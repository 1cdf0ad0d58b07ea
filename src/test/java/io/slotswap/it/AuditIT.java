package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** "Who touched production last month": the audit trail across operations, as callers filter it. */
class AuditIT extends FullStackSupport {

	@Test
	void theAuditTrailNamesWhoDidWhatAcrossOperationsAndFiltersByActorSiteTypeAndTime() {
		Instant before = Instant.now();
		String rg = "rg-approval-audit";
		String approvedSite = newSite(rg);
		String rejectedSite = newSite(rg);
		String approved = requestSwap(swapRequest(rg, approvedSite, "\"reason\":\"release 1.1.0\""));
		String rejected = requestSwap(swapRequest(rg, rejectedSite, ""));
		awaitState(approved, "AWAITING_APPROVAL");
		awaitState(rejected, "AWAITING_APPROVAL");
		assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + approved + "/approve", "").status()).isEqualTo(200);
		assertThat(http.as(Http.APPROVER).post("/api/v1/swaps/" + rejected + "/cancel", "").status()).isEqualTo(200);
		awaitTerminal(approved);
		awaitTerminal(rejected);

		List<JsonNode> byApprover = content(http.as(Http.VIEWER)
			.get("/api/v1/events?actor=DEV-APPROVER&resourceGroup=" + rg + "&from=" + before));
		assertThat(byApprover).extracting(e -> e.get("operationId").asString())
			.containsExactlyInAnyOrder(approved, rejected);
		assertThat(byApprover).allSatisfy(e -> {
			assertThat(e.get("actor").asString()).isEqualTo(Http.APPROVER);
			assertThat(e.get("channel").asString()).isEqualTo("api");
		});
		assertThat(byApprover).extracting(e -> e.get("toState").asString()).containsExactlyInAnyOrder("SWAPPING", "CANCELLED");

		List<JsonNode> ofOneSite = content(http.get("/api/v1/events?site=" + approvedSite.toUpperCase() + "&type=TRANSITION"));
		assertThat(ofOneSite).extracting(e -> e.get("operationId").asString()).containsOnly(approved);
		assertThat(ofOneSite).extracting(e -> e.get("toState").asString())
			.containsExactly("SUCCEEDED", "SWAPPING", "AWAITING_APPROVAL", "WARMING_UP", "VALIDATING", "PENDING");
		assertThat(ofOneSite.get(ofOneSite.size() - 1).get("actor").asString()).as("who requested it")
			.isEqualTo(Http.OPERATOR);

		assertThat(content(http.get("/api/v1/events?site=" + approvedSite + "&to=" + before))).isEmpty();
	}

	@Test
	void theAuditTrailIsPagedNewestFirstLikeTheList() {
		String rg = "rg-audit-pages";
		String site = newSite(rg);
		awaitTerminal(requestSwap(swapRequest(rg, site, "")));

		Http.Response first = http.get("/api/v1/events?site=" + site + "&type=TRANSITION&size=2");
		JsonNode page = first.json().get("page");

		assertThat(page.get("size").asInt()).isEqualTo(2);
		assertThat(page.get("totalElements").asLong()).isEqualTo(5);
		assertThat(page.get("totalPages").asInt()).isEqualTo(3);
		List<JsonNode> events = content(first);
		assertThat(events.get(0).get("at").asString()).isGreaterThanOrEqualTo(events.get(1).get("at").asString());
	}

	@Test
	void aBadFilterOrAPageTooDeepIsAProblemAndNeverAnOverflow() {
		for (String query : List.of("from=yesterday", "type=SOMETHING", "page=2147483647", "page=21474837&size=100",
				"size=0", "page=-1")) {
			Http.Response answer = http.get("/api/v1/events?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
		}
		assertThat(http.get("/api/v1/swaps?page=2147483647").status()).isEqualTo(400);
	}

	private static List<JsonNode> content(Http.Response answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		answer.json().get("content").forEach(events::add);
		return events;
	}
}
