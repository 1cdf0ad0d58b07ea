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

	public static void main(String[] args) {
		SpringApplication.run(SlotswapApplication.class, args);
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
