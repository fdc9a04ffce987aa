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

import java.time.Duration;

import io.isstreamer.streamer.RecordingTransport;
import io.isstreamer.streamer.Streamer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A hand-made {@link Streamer} bean that talks to a {@link RecordingTransport}, for tests
 * of the metrics, health and endpoint auto-configurations on their own.
 */
@Configuration(proxyBeanMethods = false)
class RecordingStreamerConfiguration {

	@Bean
	RecordingTransport recordingTransport() {
		return new RecordingTransport();
	}

	@Bean(destroyMethod = "close")
	Streamer streamer(RecordingTransport recordingTransport) {
		return Streamer.builder()
			.transport(recordingTransport)
			.bucketKey("b")
			.spoolEnabled(false)
			.flushInterval(Duration.ofMillis(100))
			.closeTimeout(Duration.ofSeconds(5))
			.build();
	}

}
