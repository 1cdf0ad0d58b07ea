package io.slotswap.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL server of the PostgreSQL suite ({@code ./mvnw verify -Ppostgres}): the database
 * named by {@code SLOTSWAP_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}), with a schema of its own per test class, dropped afterwards.
 */
final class PostgresDatabase {

	static final String URL = System.getenv().getOrDefault("SLOTSWAP_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = System.getenv().getOrDefault("SLOTSWAP_PG_USER", "postgres");

	static final String PASSWORD = System.getenv().getOrDefault("SLOTSWAP_PG_PASSWORD", "");

	private PostgresDatabase() {
	}

	static String newSchema() {
		return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static void register(DynamicPropertyRegistry registry, String schema) {
		registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.create-schemas", () -> "true");
	}

	/** One number from the schema's tables, e.g. a column of an operation that the API does not show. */
	static long number(String schema, String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
			connection.setSchema(schema);
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (java.sql.ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getLong(1) : -1;
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	static void drop(String schema) throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + schema + " cascade");
		}
	}
}
