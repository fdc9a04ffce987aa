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

package io.isstreamer.streamer.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.isstreamer.streamer.RejectReason;
import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.StreamerStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link InMemoryStreamer}.
 */
class InMemoryStreamerTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.123456789Z");

	private final InMemoryStreamer streamer = new InMemoryStreamer("Orders", "orders", 0,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void recordsKeyValueTimestampToTheMicrosecondAndBucket() {
		assertThat(this.streamer.log("temperature", 21.5)).isTrue();
		assertThat(this.streamer.events()).containsExactly(new RecordedEvent("temperature", 21.5,
				Instant.parse("2026-11-30T10:15:30.123456Z"), "orders", "Orders"));
		assertThat(this.streamer.events().get(0).epochSeconds()).isEqualTo(1796033730.123456);
	}

	@Test
	void recordsExplicitTimestamps() {
		this.streamer.log("signal", 5, 1419876021.778477);
		this.streamer.log("signal", 6, Instant.parse("2014-12-29T18:00:21.778477Z"));
		assertThat(this.streamer.events("signal")).extracting(RecordedEvent::timestamp)
			.containsExactly(Instant.parse("2014-12-29T18:00:21.778477Z"),
					Instant.parse("2014-12-29T18:00:21.778477Z"));
	}

	@Test
	void recordsValuesAsTheyWouldBeSentReadWhenLogged() {
		StringBuilder text = new StringBuilder("before");
		this.streamer.log("text", text);
		text.append(" and after");
		this.streamer.log("char", 'c');
		this.streamer.log("enum", Thread.State.BLOCKED);
		this.streamer.log("counter", new AtomicLong(42));
		this.streamer.log("flag", true);
		assertThat(this.streamer.events()).extracting(RecordedEvent::value)
			.containsExactly("before", "c", "BLOCKED", 42L, true);
		assertThat(this.streamer.values("flag")).containsExactly(true);
	}

	@Test
	void flattensObjectsAsTheRealStreamerDoes() {
		assertThat(this.streamer.logObject(new Reading(21.5, 40))).isEqualTo(2);
		assertThat(this.streamer.logObject(Map.of("a", 1), "room")).isOne();
		assertThat(this.streamer.events()).extracting(RecordedEvent::key)
			.containsExactly("Reading_temperature", "Reading_humidity", "room_a");
	}

	@Test
	void refusesAndCountsBadEventsWhenLenient() {
		assertThat(this.streamer.log(" ", 1)).isFalse();
		assertThat(this.streamer.log("nan", Double.NaN)).isFalse();
		assertThat(this.streamer.log("millis", 1, 1_419_876_021_778d)).isFalse();
		assertThat(this.streamer.events()).isEmpty();
		StreamerStats stats = this.streamer.stats();
		assertThat(stats.logged()).isEqualTo(3);
		assertThat(stats.rejectedByReason()).containsOnly(Map.entry(RejectReason.KEY_MISSING, 1L),
				Map.entry(RejectReason.VALUE_NOT_FINITE, 1L), Map.entry(RejectReason.EPOCH_IN_MILLISECONDS, 1L));
	}

	@Test
	void throwsOnBadEventsWhenStrict() {
		InMemoryStreamer strict = new InMemoryStreamer("b", "b", 2, Clock.systemUTC());
		assertThatIllegalArgumentException().isThrownBy(() -> strict.log("key", null))
			.withMessageContaining("the value is null");
		strict.close();
		assertThatIllegalStateException().isThrownBy(() -> strict.log("key", 1))
			.withMessageContaining("the streamer is closed");
	}

	@Test
	void switchesBucketForLaterEventsOnly() {
		this.streamer.log("a", 1);
		this.streamer.setBucket("Run 2", "run-2");
		this.streamer.log("b", 2);
		this.streamer.setBucket("Run 3");
		this.streamer.log("c", 3);
		List<RecordedEvent> events = this.streamer.events();
		assertThat(events).extracting(RecordedEvent::bucketKey).startsWith("orders", "run-2");
		assertThat(events.get(2).bucketName()).isEqualTo("Run 3");
		assertThat(events.get(2).bucketKey()).hasSize(36);
		assertThatIllegalArgumentException().isThrownBy(() -> this.streamer.setBucket("Bad", "a:b"))
			.withMessageContaining("':'");
	}

	@Test
	void flushesAtOnceAndShowsEverythingDelivered() {
		this.streamer.log("a", 1);
		this.streamer.log("b", 2);
		assertThat(this.streamer.flush()).isTrue();
		assertThat(this.streamer.flush(Duration.ZERO)).isTrue();
		assertThat(this.streamer.flushAsync()).isCompletedWithValue(true);
		assertThat(this.streamer.replaySpool()).isCompletedWithValue(true);
		StreamerStats stats = this.streamer.stats();
		assertThat(stats.state()).isEqualTo(StreamerStats.State.RUNNING);
		assertThat(stats.serviceStatus()).isEqualTo(ServiceStatus.OK);
		assertThat(stats.bucketKey()).isEqualTo("orders");
		assertThat(stats.delivered()).isEqualTo(2);
		assertThat(stats.pending() + stats.spoolBacklog() + stats.dropped() + stats.requests()).isZero();
	}

	@Test
	void refusesEventsOnceClosedAndKeepsWhatItRecorded() {
		this.streamer.log("a", 1);
		this.streamer.close();
		this.streamer.close();
		assertThat(this.streamer.log("b", 2)).isFalse();
		assertThat(this.streamer.logObject(Map.of("c", 3))).isZero();
		assertThat(this.streamer.values("a")).containsExactly(1);
		assertThat(this.streamer.stats().state()).isEqualTo(StreamerStats.State.CLOSED);
		assertThat(this.streamer.stats().rejectedByReason()).containsOnly(Map.entry(RejectReason.STREAMER_CLOSED, 2L));
	}

	@Test
	void clearForgetsTheEventsButNotTheCounts() {
		this.streamer.log("a", 1);
		this.streamer.clear();
		this.streamer.log("b", 2);
		assertThat(this.streamer.events()).extracting(RecordedEvent::key).containsExactly("b");
		assertThat(this.streamer.stats().delivered()).isEqualTo(2);
	}

	@Test
	void keepsOnlyTheLatestEvents() {
		for (int i = 0; i < InMemoryStreamer.MAX_RECORDED_EVENTS + 5; i++) {
			this.streamer.log("n", i);
		}
		List<RecordedEvent> events = this.streamer.events();
		assertThat(events).hasSize(InMemoryStreamer.MAX_RECORDED_EVENTS);
		assertThat(events.get(0).value()).isEqualTo(5);
		assertThat(this.streamer.stats().delivered()).isEqualTo(InMemoryStreamer.MAX_RECORDED_EVENTS + 5);
	}

	@Test
	void refusesABadBucketWhenCreated() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryStreamer("Orders", "it's"))
			.withMessageContaining("'''");
	}

	@Test
	void usesARandomBucketKeyByDefault() {
		StreamerStats stats = new InMemoryStreamer().stats();
		assertThat(stats.bucketKey()).hasSize(36).isEqualTo(stats.bucketName());
	}

	record Reading(double temperature, int humidity) {

	}

}
