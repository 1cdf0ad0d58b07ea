package io.slotswap.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code spring.datasource.url} (and {@code spring.flyway.url}) durable when it names an H2 file
 * (see {@link H2Durability}),
 * whichever way it was given: a command-line argument, {@code SPRING_DATASOURCE_URL}, a profile's
 * YAML. Runs after the configuration files are read, and puts the durable URL in front of them.
 */
class H2DurabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String URL = "spring.datasource.url";

	/** The URLs slotswap opens: the data source's, and Flyway's when it migrates through its own. */
	static final List<String> URLS = List.of(URL, "spring.flyway.url");

	static final String PROPERTY_SOURCE = "slotswapDurableH2";

	private final Log log;

	H2DurabilityEnvironmentPostProcessor(DeferredLogFactory logs) {
		this.log = logs.getLog(H2DurabilityEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> durable = new LinkedHashMap<>();
		for (String property : URLS) {
			String url;
			try {
				url = environment.getProperty(property);
			}
			catch (IllegalArgumentException unresolvable) {
				continue; // a placeholder without a value: the data source reports it in its own words
			}
			if (url == null) {
				continue;
			}
			String safe = H2Durability.durable(url, property);
			if (!safe.equals(url)) {
				durable.put(property, safe);
				log.info("H2 file database: " + safe.substring(url.length()).replaceFirst("^;", "")
						+ " added to " + property
						+ " so that every commit reaches the file before it returns and the file closes after the engine");
			}
		}
		if (!durable.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, durable));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
