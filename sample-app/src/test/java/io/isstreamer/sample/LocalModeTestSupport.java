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

import io.isstreamer.autoconfigure.test.AutoConfigureInitialState;
import io.isstreamer.sample.receiver.LocalReceiver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample as it runs without an access key, on a random port, with its local receiver
 * and a spool of its own under {@code target/}; the metrics are published every second so
 * that tests need not wait. Test classes extending it share one application. It uses the
 * real streamer, as the application does outside tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.initialstate.metrics.export.step=1s", "sample.sensor.interval=500ms",
				"logging.level.io.isstreamer.sample.dashboard=info" })
@AutoConfigureInitialState
abstract class LocalModeTestSupport {

	/**
	 * The bucket key derived from {@code spring.application.name}.
	 */
	static final String BUCKET = "sample-app";

	private static final Path SPOOL = temporaryDirectory();

	@LocalServerPort
	int port;

	@Autowired
	LocalReceiver receiver;

	@DynamicPropertySource
	static void spool(DynamicPropertyRegistry registry) {
		registry.add("initialstate.spool.directory", SPOOL::toString);
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static Path temporaryDirectory() {
		try {
			Path target = Files.createDirectories(Path.of("target"));
			return Files.createTempDirectory(target, "sample-spool-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
