package io.slotswap;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * slotswap: a control plane that swaps Azure App Service deployment slots safely.
 * <p>
 * The control plane ({@code swap}, {@code ops}) is scanned by {@link ControlPlaneConfiguration},
 * which the {@code emulator} profile leaves out: that profile runs the App Service emulator alone.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan
@EnableScheduling
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.slotswap\\.(swap|ops)\\..*") })
public class SlotswapApplication {

	/** The JDK's property for the common pool's parallelism (read once, when the pool is first used). */
	static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

	public static void main(String[] args) {
		commonPoolOfAtLeastTwo();
		SpringApplication.run(SlotswapApplication.class, args);
	}

	/**
	 * On two cores the JDK's common pool has a parallelism of 1, and then CompletableFuture's default
	 * async executor starts a new thread for every task: the JDK HTTP client under the Azure SDK
	 * completes each response that way (16,000 threads started in a burst of 1,000 swaps). Two or
	 * more keep it a pool. An explicit setting (-D) wins.
	 */
	static void commonPoolOfAtLeastTwo() {
		if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
			System.setProperty(COMMON_POOL_PARALLELISM, "2");
		}
	}

	/**
	 * Every timestamp the service writes comes from here: UTC, in microseconds (what both H2 and
	 * PostgreSQL keep, so an answer never shows more precision than a later read).
	 * {@code slotswap.clock-offset} shifts it, for drills and tests of a replica whose clock is wrong:
	 * leases never depend on it (they are judged by the database's clock).
	 */
	@Bean
	Clock clock(@Value("${slotswap.clock-offset:0s}") Duration offset) {
		Clock utc = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
		return offset.isZero() ? utc : Clock.offset(utc, offset);
	}
}
