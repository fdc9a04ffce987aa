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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Logging uses no {@code sun.misc.Unsafe}: Java 25 warns on its first use, into every
 * application's log. A child JVM builds a streamer, logs and delivers through the
 * shutdown hook; the classes it loads include neither {@code sun.misc.Unsafe} nor
 * JCTools' access to it (JCTools' Unsafe-based build is on the test class path, through a
 * test dependency, so using one of its queues would show). On a Java 25 found under
 * {@code /usr/lib/jvm}, its standard error holds no warning either.
 */
@Timeout(120)
class StreamerUnsafeFreeTests {

	private static final Path JVMS = Path.of("/usr/lib/jvm");

	@TempDir
	Path temp;

	@Test
	void loggingLoadsNoClassThatUsesSunMiscUnsafe() throws Exception {
		String classes = runChild(ChildJvm.currentJava(), List.of("-verbose:class")).out();
		assertThat(classes).as("classes loaded").contains("io.isstreamer.streamer.internal.SenderLoop");
		assertThat(classes.lines().filter((line) -> line.contains("sun.misc.Unsafe") || line.contains("UnsafeAccess")))
			.isEmpty();
	}

	@Test
	void loggingOnJava25PrintsNoUnsafeWarning() throws Exception {
		Optional<Path> java25 = java(25);
		assumeThat(java25).as("a Java 25 under %s", JVMS).isPresent();
		String err = runChild(java25.get(), List.of()).err();
		assertThat(err).doesNotContain("sun.misc.Unsafe").doesNotContain("terminally deprecated");
	}

	private ChildJvm runChild(Path java, List<String> options) throws Exception {
		try (FaultyService service = new FaultyService()) {
			ChildJvm child = ChildJvm.start(java, this.temp, options, ReturningChild.class, service.uri().toString(),
					"1000", "true");
			try (child) {
				assertThat(child.waitFor(60)).as("the program ends: %s", child.err()).isTrue();
				assertThat(child.process().exitValue()).as("exit code: %s", child.err()).isZero();
			}
			assertThat(service.deliveries()).as("events delivered").hasSize(1000);
			return child;
		}
	}

	/**
	 * Find a JDK of a feature version under {@code /usr/lib/jvm}, by its {@code release}
	 * file.
	 */
	private static Optional<Path> java(int feature) throws IOException {
		if (!Files.isDirectory(JVMS)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(JVMS)) {
			return homes.filter((home) -> isVersion(home, feature))
				.map((home) -> home.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.sorted(Comparator.naturalOrder())
				.findFirst();
		}
	}

	private static boolean isVersion(Path home, int feature) {
		try {
			Path release = home.resolve("release");
			return Files.isRegularFile(release) && Files.readAllLines(release)
				.stream()
				.anyMatch((line) -> line.startsWith("JAVA_VERSION=\"" + feature + ".")
						|| line.equals("JAVA_VERSION=\"" + feature + "\""));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
