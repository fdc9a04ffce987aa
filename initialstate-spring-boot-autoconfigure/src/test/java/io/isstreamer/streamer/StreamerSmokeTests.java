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

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamerSmokeTests {

	@Test
	void deliversOneEvent() {
		RecordingTransport transport = new RecordingTransport();
		try (Streamer streamer = Streamer.builder().transport(transport).bucketKey("b").spoolEnabled(false).build()) {
			streamer.log("temperature", 32, 1419876021.778477);
			assertThat(streamer.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(transport.events())
				.containsExactly(new SentEvent("b", "temperature", "32", "1419876021.778477"));
			System.out.println(streamer.stats());
		}
	}

}
