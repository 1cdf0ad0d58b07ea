package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArmCallMetricsTest {

	static final String SITE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-a/providers/Microsoft.Web/sites/my-site";

	@Test
	void anOperationIsNamedByItsShapeWithoutTheNamesInIt() {
		assertThat(ArmCallMetrics.operation("GET", SITE)).isEqualTo("GET sites");
		assertThat(ArmCallMetrics.operation("GET", SITE + "/slots/staging")).isEqualTo("GET sites/slots");
		assertThat(ArmCallMetrics.operation("POST", SITE + "/slots/staging/slotsswap"))
			.isEqualTo("POST sites/slots/slotsswap");
		assertThat(ArmCallMetrics.operation("POST", SITE + "/slotsswap")).isEqualTo("POST sites/slotsswap");
		assertThat(ArmCallMetrics.operation("POST", SITE + "/slots/blue/config/appsettings/list"))
			.isEqualTo("POST sites/slots/config/appsettings/list");
		assertThat(ArmCallMetrics.operation("GET", "/emulator/arm" + SITE + "/config/slotConfigNames"))
			.isEqualTo("GET sites/config/slotConfigNames");
	}

	@Test
	void pollsAndUnknownShapesShareOneNameEachSoTheTagsStayFew() {
		assertThat(ArmCallMetrics.operation("GET",
				"/subscriptions/s/providers/Microsoft.Web/locations/westeurope/operationResults/1234-abcd"))
			.isEqualTo("GET operationResults");
		assertThat(ArmCallMetrics.operation("GET", "/subscriptions/s/resourceGroups/rg")).isEqualTo("GET other");
		assertThat(ArmCallMetrics.operation("GET", SITE + "/a/b/c/d/e/f")).isEqualTo("GET other");
		assertThat(ArmCallMetrics.operation("GET",
				"/subscriptions/s/resourceGroups/sites/providers/Microsoft.Web/sites/my-site/slots/staging"))
			.as("a resource group named sites").isEqualTo("GET sites/slots");
	}
}
