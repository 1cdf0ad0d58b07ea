package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class H2DurabilityTest {

	@Test
	void aFileUrlAsTheReadmeWritesItGetsNoWriteDelay() {
		assertThat(H2Durability.durable("jdbc:h2:file:./data/slotswap"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void theOtherSettingsOfTheUrlAreKept() {
		assertThat(H2Durability.durable("jdbc:h2:file:/var/lib/slotswap/db;MODE=PostgreSQL;AUTO_SERVER=TRUE"))
			.isEqualTo("jdbc:h2:file:/var/lib/slotswap/db;MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(H2Durability.durable("jdbc:h2:file:./data/slotswap;"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void aPathWithoutFilePrefixIsAFileToo() {
		assertThat(H2Durability.durable("jdbc:h2:./data/slotswap")).isEqualTo("jdbc:h2:./data/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(H2Durability.durable("jdbc:h2:~/slotswap")).isEqualTo("jdbc:h2:~/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(H2Durability.durable("jdbc:h2:nio:./data/slotswap"))
			.isEqualTo("jdbc:h2:nio:./data/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
	}

	@Test
	void inMemoryDatabasesAreLeftAlone() {
		String local = "jdbc:h2:mem:slotswap-1b2c;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
		assertThat(H2Durability.durable(local)).isSameAs(local);
		assertThat(H2Durability.durable("jdbc:h2:memFS:slotswap")).isEqualTo("jdbc:h2:memFS:slotswap");
		assertThat(H2Durability.durable("JDBC:H2:MEM:slotswap")).isEqualTo("JDBC:H2:MEM:slotswap");
	}

	@Test
	void serversAndOtherDatabasesAreLeftAlone() {
		assertThat(H2Durability.durable("jdbc:h2:tcp://db.internal/~/slotswap"))
			.isEqualTo("jdbc:h2:tcp://db.internal/~/slotswap");
		assertThat(H2Durability.durable("jdbc:postgresql://127.0.0.1:5432/slotswap"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/slotswap");
	}

	@Test
	void aUrlThatAlreadyWritesEveryCommitAndSaysWhenToCloseIsKeptAsItIs() {
		assertThat(H2Durability.durable("jdbc:h2:file:./data/slotswap;write_delay=0;db_close_on_exit=false"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;write_delay=0;db_close_on_exit=false");
		assertThat(H2Durability.durable("jdbc:h2:file:./data/slotswap;write_delay=0"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;write_delay=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(H2Durability.durable("jdbc:h2:file:./data/slotswap;DB_CLOSE_ON_EXIT=TRUE"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;DB_CLOSE_ON_EXIT=TRUE;WRITE_DELAY=0");
	}

	@Test
	void aUrlThatDelaysWritesIsRefusedWithOneLineSayingWhatToChange() {
		assertThatExceptionOfType(UnsafeH2UrlException.class)
			.isThrownBy(() -> H2Durability.durable("jdbc:h2:file:./data/slotswap;WRITE_DELAY=500;MODE=PostgreSQL"))
			.satisfies(refused -> {
				assertThat(refused.getMessage()).doesNotContain("\n")
					.contains("WRITE_DELAY=500")
					.contains("Remove WRITE_DELAY=500 from spring.datasource.url")
					.contains("change it to WRITE_DELAY=0")
					.doesNotContain("./data/slotswap");
				assertThat(new UnsafeH2UrlFailureAnalyzer().analyze(refused).getAction())
					.startsWith("Remove WRITE_DELAY=500");
			});
	}

	@Test
	void theEnvironmentGetsTheDurableUrlInFrontOfTheConfiguredOne() {
		StandardEnvironment environment = environmentWith(Map.of("spring.datasource.url", "jdbc:h2:file:./data/slotswap"));

		postProcess(environment);

		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:./data/slotswap;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThat(environment.getPropertySources().iterator().next().getName())
			.isEqualTo(H2DurabilityEnvironmentPostProcessor.PROPERTY_SOURCE);
	}

	@Test
	void aFlywayUrlOfItsOwnIsMadeDurableToo() {
		StandardEnvironment environment = environmentWith(Map.of("spring.datasource.url", "jdbc:h2:file:./data/slotswap",
				"spring.flyway.url", "jdbc:h2:file:./data/slotswap;MODE=PostgreSQL"));

		postProcess(environment);

		assertThat(environment.getProperty("spring.flyway.url"))
			.isEqualTo("jdbc:h2:file:./data/slotswap;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		assertThatExceptionOfType(UnsafeH2UrlException.class)
			.isThrownBy(() -> postProcess(environmentWith(Map.of("spring.flyway.url", "jdbc:h2:./db;WRITE_DELAY=100"))))
			.withMessageContaining("Remove WRITE_DELAY=100 from spring.flyway.url");
	}

	@Test
	void anEnvironmentWithoutAnH2FileIsNotTouched() {
		StandardEnvironment environment = environmentWith(Map.of("spring.datasource.url", "jdbc:h2:mem:slotswap"));
		StandardEnvironment empty = environmentWith(Map.of());

		postProcess(environment);
		postProcess(empty);

		assertThat(environment.getPropertySources().contains(H2DurabilityEnvironmentPostProcessor.PROPERTY_SOURCE))
			.isFalse();
		assertThat(empty.getPropertySources().contains(H2DurabilityEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
	}

	@Test
	void h2OpensTheDurableUrlWithoutWriteDelay(@TempDir Path dir) throws Exception {
		String url = H2Durability.durable("jdbc:h2:file:" + dir.resolve("slotswap").toAbsolutePath());
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet setting = statement.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
			assertThat(setting.next()).isTrue();
			assertThat(setting.getString(1)).isEqualTo("0");
			assertThat(url).endsWith(";DB_CLOSE_ON_EXIT=FALSE");
		}
	}

	private static StandardEnvironment environmentWith(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		return environment;
	}

	private static void postProcess(StandardEnvironment environment) {
		DeferredLogFactory logs = Supplier::get;
		new H2DurabilityEnvironmentPostProcessor(logs).postProcessEnvironment(environment, new SpringApplication());
	}
}
