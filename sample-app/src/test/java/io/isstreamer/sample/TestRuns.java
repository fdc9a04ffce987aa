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

package io.isstreamer.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs a test class of an application as its build would, to check afterwards what the
 * run left behind: by then its application context, marked dirty, is closed.
 */
final class TestRuns {

	private TestRuns() {
	}

	/**
	 * Run a test class and fail with its failures, if any.
	 * @param testClass the test class
	 * @return how many tests passed
	 */
	static long runAndPass(Class<?> testClass) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(testClass))
			.build();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		LauncherFactory.create().execute(request, listener);
		TestExecutionSummary summary = listener.getSummary();
		List<TestExecutionSummary.Failure> failures = summary.getFailures();
		if (!failures.isEmpty() || summary.getTestsFoundCount() == 0) {
			AssertionError error = new AssertionError(
					testClass.getSimpleName() + ": " + failures.size() + " failed of " + summary.getTestsFoundCount());
			failures.forEach((failure) -> error.addSuppressed(failure.getException()));
			throw error;
		}
		return summary.getTestsSucceededCount();
	}

	/**
	 * Return the user's home directory of this JVM, emptied, when the build pointed it at
	 * a directory of its own; skip the test otherwise (an IDE, or Maven's default test
	 * run, which leaves these tests to their own executions).
	 * @param name the directory the build named for this test
	 * @return the home directory, empty
	 */
	static Path emptyHome(String name) {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
		assumeTrue(home.endsWith(Path.of("target", "drop-in-home", name)),
				() -> "Maven runs this test with user.home at target/drop-in-home/" + name + ", not " + home);
		try {
			if (Files.exists(home)) {
				try (Stream<Path> files = Files.walk(home)) {
					files.sorted(Comparator.reverseOrder())
						.filter((file) -> !file.equals(home))
						.forEach(TestRuns::delete);
				}
			}
			return Files.createDirectories(home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * List everything under a directory.
	 * @param directory the directory
	 * @return the files and directories in it, at any depth
	 */
	static List<Path> contents(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> !file.equals(directory)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the names of the live threads that the starter starts.
	 * @return the thread names
	 */
	static List<String> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("initialstate-"))
			.toList();
	}

	private static void delete(Path file) {
		try {
			Files.delete(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
