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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutting the sample down, as Ctrl-C does, delivers the last events to the local
 * receiver: the streamer's final flush finds the receiver still serving, and nothing is
 * left in the spool.
 */
class ShutdownTests {

	@Test
	void shuttingDownDeliversTheLastEventsToTheReceiverAndSpoolsNothing(@TempDir Path spool) throws IOException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "initialstate.spool.directory=" + spool,
					// nothing is sent before the close: the final flush has to do it all
					"initialstate.flush-interval=1h", "initialstate.buffer-size=100000")
			.run();
		LocalReceiver receiver = context.getBean(LocalReceiver.class);
		Streamer streamer = context.getBean(Streamer.class);
		streamer.log("last_words", "goodbye");
		context.close();
		assertThat(receiver.isRunning()).isFalse();
		assertThat(receiver.events().read(LocalModeTestSupport.BUCKET, 0).values("last_words"))
			.containsExactly("goodbye");
		StreamerStats stats = streamer.stats();
		assertThat(stats.state()).isEqualTo(StreamerStats.State.CLOSED);
		assertThat(stats.spooled()).isZero();
		assertThat(stats.spoolBacklog()).isZero();
		assertThat(stats.dropped()).isZero();
		assertThat(stats.pending()).isZero();
		assertThat(stats.delivered()).isEqualTo(stats.accepted());
		assertThat(receiver.answers()).doesNotContainKey(429);
		try (Stream<Path> files = Files.walk(spool)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".jsonl"))).isEmpty();
		}
	}

}
