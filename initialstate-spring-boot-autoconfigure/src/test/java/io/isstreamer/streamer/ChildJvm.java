/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.isstreamer.streamer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test class path, its standard output and error
 * each in a file. Closing it kills the process if it still runs.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final Path out;

	private final Path err;

	private ChildJvm(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/**
	 * Start a child JVM on the test class path.
	 * @param java the {@code java} executable
	 * @param directory where its output files go
	 * @param jvmOptions options before the main class
	 * @param mainClass the main class
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException if it cannot start
	 */
	static ChildJvm start(Path java, Path directory, List<String> jvmOptions, Class<?> mainClass, String... args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(directory, "child-", ".out");
		Path err = Files.createTempFile(directory, "child-", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		return new ChildJvm(process, out, err);
	}

	/**
	 * Return the {@code java} executable of the JVM running the tests.
	 * @return the executable
	 */
	static Path currentJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	Process process() {
		return this.process;
	}

	/**
	 * Wait for the child to end.
	 * @param seconds how long at most
	 * @return whether it ended
	 * @throws InterruptedException if interrupted
	 */
	boolean waitFor(long seconds) throws InterruptedException {
		return this.process.waitFor(seconds, TimeUnit.SECONDS);
	}

	String out() {
		return read(this.out);
	}

	String err() {
		return read(this.err);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

}
