package io.slotswap.it;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One active swap per site and idempotent replays, enforced by PostgreSQL's constraints. */
@ActiveProfiles({ "local", "postgres" })
class PostgresConcurrencyIT extends ConcurrencyAndIdempotencyIT {

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
