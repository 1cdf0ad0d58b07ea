package io.slotswap.store;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code spring.datasource.url} durable when it names an H2 file (see {@link H2Durability}),
 * whichever way it was given: a command-line argument, {@code SPRING_DATASOURCE_URL}, a profile's
 * YAML. Runs after the configuration files are read, and puts the durable URL in front of them.
 */
class H2DurabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String URL = "spring.datasource.url";

	static final String PROPERTY_SOURCE = "slotswapDurableH2";

	private final Log log;

	H2DurabilityEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.log = logs.getLog(H2DurabilityEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url;
		try {
			url = environment.getProperty(URL);
		}
		catch (IllegalArgumentException unresolvable) {
			return; // a placeholder without a value: the data source reports it in its own words
		}
		if (url == null) {
			return;
		}
		String durable = H2Durability.durable(url);
		if (!durable.equals(url)) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(URL, durable)));
			log.info("H2 file database: " + H2Durability.DURABLE + " added to " + URL
					+ " so that every commit reaches the file before it returns");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
