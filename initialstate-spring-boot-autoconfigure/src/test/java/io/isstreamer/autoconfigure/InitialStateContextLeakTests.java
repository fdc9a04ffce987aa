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

package io.isstreamer.autoconfigure;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.isstreamer.streamer.SpoolFiles;
import io.isstreamer.streamer.Streamer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hundred application contexts started and closed with the starter leave no thread of
 * ours and no open file behind, and the access key shows nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class InitialStateContextLeakTests {

	private static final String ACCESS_KEY = "ist_leak_secret_7d8e9f0a1b2c";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@TempDir
	Path spool;

	@Test
	@Timeout(180)
	void hundredContextCyclesLeaveNoThreadOfOursAndNoOpenFile(CapturedOutput output) {
		service.stubFor(post("/api/buckets").willReturn(aResponse().withStatus(201)));
		service.stubFor(post("/api/events").willReturn(aResponse().withStatus(204)));
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InitialStateAutoConfiguration.class))
			.withPropertyValues("initialstate.access-key=" + ACCESS_KEY, "initialstate.api-base=" + service.baseUrl(),
					"initialstate.bucket-key=leaks", "initialstate.spool.directory=" + this.spool,
					"initialstate.requests-per-second=100", "initialstate.close-timeout=5s");
		runner.run((context) -> context.getBean(Streamer.class).log("warm-up", 1));
		long filesBefore = settledOpenFiles(Long.MAX_VALUE);
		for (int i = 0; i < 100; i++) {
			int cycle = i;
			runner.run((context) -> {
				Streamer streamer = context.getBean(Streamer.class);
				assertThat(streamer.log("cycle", cycle)).isTrue();
			});
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ourThreads()).isEmpty());
		assertThat(settledOpenFiles(filesBefore)).as("open files").isLessThanOrEqualTo(filesBefore);
		assertThat(service.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/api/events"))
			.count()).isEqualTo(101);
		assertThat(output.getAll()).doesNotContain(ACCESS_KEY);
		SpoolFiles.assertOwnerOnlyAndFreeOf(this.spool, ACCESS_KEY);
	}

	/**
	 * Count the open files once the HTTP clients left for the garbage collector are gone
	 * (on Java 17 a JDK HTTP client has no close and releases its selector when
	 * collected).
	 */
	private static long settledOpenFiles(long target) {
		long[] count = new long[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			System.gc();
			long previous = count[0];
			count[0] = openFiles();
			return count[0] <= target || (target == Long.MAX_VALUE && count[0] == previous);
		});
		return count[0];
	}

	private static long openFiles() {
		String[] entries = new File("/proc/self/fd").list();
		return (entries != null) ? entries.length : 0;
	}

	private static List<String> ourThreads() {
		List<String> names = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive() && thread.getName().startsWith("initialstate-")) {
				names.add(thread.getName());
			}
		}
		return names;
	}

}
