package io.slotswap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleIdentifier;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the boundaries of DESIGN.md honest: {@code swap} depends on {@code azure}, never the
 * reverse; {@code emulator} depends on nothing of ours; no cycles between modules. Also writes the
 * module documentation.
 */
class ModularityTest {

	static final ApplicationModules MODULES = ApplicationModules.of("io.slotswap");

	static final String WEB_PACKAGE = "io.slotswap.swap.web";

	@Test
	void theModulesDependOnEachOtherOnlyAsTheDesignSays() {
		MODULES.verify();
	}

	/**
	 * {@code swap.web} is an internal package of {@code swap}, so the module check allows it whatever
	 * {@code swap} may use; the edge must reach Azure only through {@code swap} (e.g.
	 * {@code io.slotswap.swap.Sites}), never through the gateway, its errors or its settings.
	 */
	@Test
	void theWebEdgeReachesAzureOnlyThroughTheSwapModule() {
		ApplicationModule swap = MODULES.getModuleByName("swap").orElseThrow();
		ApplicationModuleIdentifier azure = ApplicationModuleIdentifier.of("azure");
		Set<String> used = new TreeSet<>();
		swap.getDirectDependencies(MODULES)
			.stream()
			.filter(dependency -> dependency.getSourceType().getPackageName().startsWith(WEB_PACKAGE))
			.filter(dependency -> dependency.getTargetModule().getIdentifier().equals(azure))
			.forEach(dependency -> used.add(dependency.getSourceType().getSimpleName() + " -> "
					+ dependency.getTargetType().getName()));
		assertThat(used).as("swap.web types using azure types").isEmpty();
	}

	/** PlantUML component diagrams and module canvases in {@code target/spring-modulith-docs}. */
	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
			.writeDocumentation();
	}
}
