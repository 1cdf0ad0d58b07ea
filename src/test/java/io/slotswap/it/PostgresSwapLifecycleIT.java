package io.slotswap.it;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole swap lifecycle again, on PostgreSQL: the same migrations, the same guarantees. */
@ActiveProfiles({ "local", "postgres" })
class PostgresSwapLifecycleIT extends SwapLifecycleIT {

	static final String SCHEMA = PostgresDatabase.newSchema();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry, SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws Exception {
		PostgresDatabase.drop(SCHEMA);
	}
}
