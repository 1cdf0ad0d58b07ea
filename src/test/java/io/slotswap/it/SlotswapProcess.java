package io.slotswap.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * slotswap as a real operating-system process, started from the packaged jar
 * ({@code target/slotswap.jar}), so that a test can kill it with SIGKILL the way a crash would.
 * Output goes to {@code target/process-logs/}.
 */
final class SlotswapProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "slotswap.jar");

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private SlotswapProcess(String name, int port, List<String> arguments) {
		this.name = name;
		this.port = port;
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(JAR.toAbsolutePath().toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		try {
			Path logs = Files.createDirectories(Path.of("target", "process-logs"));
			this.log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			// the JVM would print "Picked up …" into the service's own output, and apply options meant for Maven
			builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
			this.process = builder.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The App Service emulator alone: Azure's side, which carries on while control planes die. */
	static SlotswapProcess emulator() {
		return new SlotswapProcess("emulator", freePort(), List.of("--spring.profiles.active=emulator"));
	}

	/**
	 * A control plane on PostgreSQL, talking to {@code emulator} as its Resource Manager, on the
	 * engine's shipped defaults (lease, retries, connection time-out) unless {@code extra} says otherwise.
	 */
	static SlotswapProcess controlPlane(String name, SlotswapProcess emulator, String schema, String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local,postgres",
				"--slotswap.azure.resource-manager-endpoint=http://localhost:" + emulator.port() + "/emulator/arm",
				"--spring.datasource.url=" + PostgresDatabase.URL + (PostgresDatabase.URL.contains("?") ? "&" : "?")
						+ "currentSchema=" + schema,
				"--spring.datasource.username=" + PostgresDatabase.USER,
				"--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--spring.flyway.schemas=" + schema,
				"--spring.flyway.create-schemas=true"));
		arguments.addAll(List.of(extra));
		return new SlotswapProcess(name, freePort(), arguments);
	}

	/**
	 * A control plane on an H2 file, configured exactly as the README tells a user to keep operations
	 * across restarts (the {@code local} profile and nothing but the URL), talking to {@code emulator}
	 * as its Resource Manager. {@code dbFile} is H2's database name: the file is {@code dbFile.mv.db}.
	 */
	static SlotswapProcess controlPlaneOnH2File(String name, SlotswapProcess emulator, Path dbFile, String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=local",
				"--slotswap.azure.resource-manager-endpoint=http://localhost:" + emulator.port() + "/emulator/arm",
				"--spring.datasource.url=jdbc:h2:file:" + dbFile.toAbsolutePath()));
		arguments.addAll(List.of(extra));
		return new SlotswapProcess(name, freePort(), arguments);
	}

	/** The service as {@code java -jar target/slotswap.jar} starts it: local profile, built-in emulator, in-memory H2. */
	static SlotswapProcess standalone(String name, String... extra) {
		return new SlotswapProcess(name, freePort(), List.of(extra));
	}

	int port() {
		return port;
	}

	Http http() {
		return new Http(port);
	}

	/** Waits until the process answers its readiness probe. */
	SlotswapProcess awaitReady() {
		Http http = http();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue());
			}
			return http.get("/actuator/health/readiness").status() == 200;
		});
		return this;
	}

	/** SIGKILL: no shutdown hook, no lease released, nothing flushed. */
	void kill() {
		process.destroyForcibly();
		try {
			process.waitFor();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGTERM, as a redeploy of slotswap itself sends it: Spring's shutdown runs. Waits until the
	 * process has exited and returns its exit code.
	 */
	int terminate(Duration within) {
		process.destroy();
		try {
			if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				kill();
				throw new AssertionError(name + " did not exit within " + within + " of SIGTERM");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return process.exitValue();
	}

	/** What the process has written so far (its standard output and error). */
	String output() {
		try {
			return Files.readString(log);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** SIGSTOP: the process is frozen (a long GC pause, a suspended VM), its leases run out. */
	void freeze() {
		signal("STOP");
	}

	/** SIGCONT: a frozen process carries on where it stopped, unaware of the time that passed. */
	void thaw() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + signal + " exited with " + exit);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isAlive() {
		return process.isAlive();
	}

	@Override
	public void close() {
		thawQuietly();
		kill();
	}

	private void thawQuietly() {
		try {
			if (process.isAlive()) {
				thaw();
			}
		}
		catch (RuntimeException ignored) {
			// it is being killed anyway
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
