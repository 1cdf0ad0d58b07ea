package io.slotswap.emulator;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The built-in emulator runs when profile {@code emulator} is active, or when profile
 * {@code local} is active (it is the default profile) and no other Resource Manager endpoint is
 * configured ({@code slotswap.azure.resource-manager-endpoint} missing or blank). The
 * {@code azure} profile never starts it.
 */
class EmulatorEnabledCondition implements Condition {

	static final String ENDPOINT_PROPERTY = "slotswap.azure.resource-manager-endpoint";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return enabled(context.getEnvironment());
	}

	static boolean enabled(Environment environment) {
		if (environment.acceptsProfiles(Profiles.of("azure"))) {
			return false;
		}
		if (environment.acceptsProfiles(Profiles.of("emulator"))) {
			return true;
		}
		return environment.acceptsProfiles(Profiles.of("local"))
				&& !StringUtils.hasText(environment.getProperty(ENDPOINT_PROPERTY));
	}
}
