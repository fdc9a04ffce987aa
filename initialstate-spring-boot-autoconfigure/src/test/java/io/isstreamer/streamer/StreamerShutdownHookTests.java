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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain Java program that returns from {@code main} without closing its streamer: the
 * JVM shutdown hook the builder registers delivers what it logged. The service holds its
 * answers until the program has returned from {@code main}, so no event can be delivered
 * before the JVM begins to exit, and only the hook can deliver them.
 */
@Timeout(120)
class StreamerShutdownHookTests {

	private static final int EVENTS = 1_000;

	@TempDir
	Path temp;

	@Test
	void aProgramThatReturnsWithoutClosingDeliversEverythingThroughTheShutdownHook() throws Exception {
		Map<String, Integer> deliveries = runChild(true);
		assertThat(deliveries).containsOnlyKeys(IntStream.range(0, EVENTS).mapToObj(Integer::toString).toList());
		assertThat(deliveries.values()).containsOnly(1);
	}

	@Test
	void withoutTheShutdownHookTheEventsQueuedAtExitAreNotDelivered() throws Exception {
		Map<String, Integer> deliveries = runChild(false);
		assertThat(deliveries).hasSizeLessThan(EVENTS);
	}

	private Map<String, Integer> runChild(boolean shutdownHook) throws Exception {
		try (FaultyService service = new FaultyService()) {
			service.hold();
			try (ChildJvm child = ChildJvm.start(ChildJvm.currentJava(), this.temp, List.of(), ReturningChild.class,
					service.uri().toString(), Integer.toString(EVENTS), Boolean.toString(shutdownHook))) {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> child.out().contains("RETURNING") || !child.process().isAlive());
				service.release();
				assertThat(child.waitFor(60)).as("the program ends: %s", child.err()).isTrue();
				assertThat(child.process().exitValue()).as("exit code: %s", child.err()).isZero();
			}
			return service.deliveries();
		}
	}

}
