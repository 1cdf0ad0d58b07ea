package io.slotswap.emulator;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The emulator's beans; see {@link EmulatorEnabledCondition} for when they exist. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmulatorEnabledCondition.class)
class EmulatorConfiguration {

	@Bean
	SiteRegistry emulatorSiteRegistry(EmulatorProperties properties) {
		return new SiteRegistry(properties.hostNameSuffix());
	}

	@Bean
	Faults emulatorFaults(EmulatorProperties properties) {
		return new Faults(FaultSettings.defaults(properties.swapDuration().toMillis()));
	}

	/** Swaps run on their own threads, never on request threads (no Executor bean: Boot's stays). */
	@Bean(destroyMethod = "close")
	SlotSwapper emulatorSlotSwapper(SiteRegistry registry, Faults faults, Clock clock, EmulatorProperties properties) {
		AtomicInteger count = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, properties.swapThreads()), runnable -> {
			Thread thread = new Thread(runnable, "emulator-swap-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		return new SlotSwapper(registry, faults, clock, executor, properties.warmupBudget(),
				properties.warmupPingInterval());
	}

	@Bean(initMethod = "seed")
	EmulatorSeeder emulatorSeeder(SiteRegistry registry, EmulatorProperties properties, Clock clock) {
		return new EmulatorSeeder(registry, properties, clock);
	}

	/** On Tomcat, ARM handlers can drop their connection without an answer (the {@code ambiguousSwaps} fault). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	static class TomcatConnectionDrops {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> emulatorConnectionDrops() {
			return factory -> factory.addEngineValves(new ConnectionDropValve());
		}
	}
}
