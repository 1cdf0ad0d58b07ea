package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmulatorEnabledConditionTest {

	@Test
	void the_emulator_profile_turns_it_on() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("emulator");
		assertThat(EmulatorEnabledCondition.enabled(environment)).isTrue();
	}

	@Test
	void the_default_local_profile_turns_it_on_without_an_endpoint() {
		MockEnvironment environment = new MockEnvironment();
		environment.setDefaultProfiles("local");
		assertThat(EmulatorEnabledCondition.enabled(environment)).isTrue();
		environment.setProperty(EmulatorEnabledCondition.ENDPOINT_PROPERTY, "  ");
		assertThat(EmulatorEnabledCondition.enabled(environment)).isTrue();
	}

	@Test
	void local_with_another_endpoint_leaves_it_off() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("local");
		environment.setProperty(EmulatorEnabledCondition.ENDPOINT_PROPERTY, "http://localhost:9090/emulator/arm");
		assertThat(EmulatorEnabledCondition.enabled(environment)).isFalse();
	}

	@Test
	void the_azure_profile_never_starts_it_and_neither_does_a_profile_without_local() {
		MockEnvironment azure = new MockEnvironment();
		azure.setActiveProfiles("azure", "postgres");
		assertThat(EmulatorEnabledCondition.enabled(azure)).isFalse();
		MockEnvironment postgres = new MockEnvironment();
		postgres.setActiveProfiles("postgres");
		assertThat(EmulatorEnabledCondition.enabled(postgres)).isFalse();
	}
}
