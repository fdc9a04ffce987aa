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

package io.isstreamer.sample.receiver;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReceivedEvents}.
 */
class ReceivedEventsTests {

	@Test
	void createsABucketOnce() {
		ReceivedEvents events = new ReceivedEvents();
		assertThat(events.createBucket("b1", "First")).isTrue();
		assertThat(events.createBucket("b1", "Other name")).isFalse();
		assertThat(events.buckets()).containsExactly(new ReceivedEvents.BucketSummary("b1", "First", 0, 0));
	}

	@Test
	void eventsToAnUnknownBucketCreateItUnderItsKey() {
		ReceivedEvents events = new ReceivedEvents();
		events.add("b1", List.of(event("a", 1d)));
		assertThat(events.buckets()).containsExactly(new ReceivedEvents.BucketSummary("b1", "b1", 1, 1));
	}

	@Test
	void keepsTheNewestPointsOfAKey() {
		ReceivedEvents events = new ReceivedEvents(2, 2, 3);
		for (int i = 1; i <= 5; i++) {
			events.add("b1", List.of(event("a", (double) i)));
		}
		assertThat(events.read("b1", 0).values("a")).containsExactly(3d, 4d, 5d);
		assertThat(events.buckets().get(0).events()).isEqualTo(5);
	}

	@Test
	void discardsAndCountsEventsOfKeysPastTheLimitOfABucket() {
		ReceivedEvents events = new ReceivedEvents(2, 2, 3);
		events.add("b1", List.of(event("a", 1d), event("b", 2d), event("c", 3d), event("a", 4d)));
		assertThat(events.read("b1", 0).streams()).containsOnlyKeys("a", "b");
		assertThat(events.read("b1", 0).values("a")).containsExactly(1d, 4d);
		assertThat(events.discarded()).isOne();
	}

	@Test
	void dropsTheBucketWrittenToLeastRecentlyPastTheLimit() {
		ReceivedEvents events = new ReceivedEvents(2, 2, 3);
		events.add("b1", List.of(event("a", 1d)));
		events.add("b2", List.of(event("a", 1d)));
		events.add("b1", List.of(event("a", 2d)));
		events.add("b3", List.of(event("a", 1d)));
		assertThat(events.buckets()).extracting(ReceivedEvents.BucketSummary::key).containsExactly("b3", "b1");
	}

	@Test
	void readsOnlyWhatArrivedAfterASequenceNumber() {
		ReceivedEvents events = new ReceivedEvents();
		events.add("b1", List.of(event("a", 1d), event("b", "x")));
		long sequence = events.read("b1", 0).sequence();
		assertThat(sequence).isEqualTo(2);
		events.add("b1", List.of(event("a", 2d)));
		ReceivedEvents.Update update = events.read("b1", sequence);
		assertThat(update.streams()).containsOnlyKeys("a");
		assertThat(update.values("a")).containsExactly(2d);
		assertThat(update.streams().get("a").get(0).sequence()).isEqualTo(3);
		assertThat(events.read("b1", update.sequence()).streams()).isEmpty();
	}

	@Test
	void readsNothingOfAnUnknownBucket() {
		assertThat(new ReceivedEvents().read("none", 0).streams()).isEmpty();
	}

	private static ReceivedEvent event(String key, Object value) {
		return new ReceivedEvent(key, value, 1_767_225_600.5);
	}

}
