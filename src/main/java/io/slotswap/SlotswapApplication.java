package io.slotswap;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * slotswap: a control plane that swaps Azure App Service deployment slots safely.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SlotswapApplication {

	public static void main(String[] args) {
		SpringApplication.run(SlotswapApplication.class, args);
	}

	/** Every timestamp the service writes comes from here (UTC). Tests replace it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
