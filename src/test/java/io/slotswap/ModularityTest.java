package io.slotswap;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the boundaries of DESIGN.md honest: {@code swap} depends on {@code azure}, never the
 * reverse; {@code emulator} depends on nothing of ours; no cycles between modules.
 */
class ModularityTest {

	static final ApplicationModules MODULES = ApplicationModules.of("io.slotswap");

	@Test
	void theModulesDependOnEachOtherOnlyAsTheDesignSays() {
		MODULES.verify();
	}
}
