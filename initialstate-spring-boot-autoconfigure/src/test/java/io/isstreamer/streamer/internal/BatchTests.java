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

package io.isstreamer.streamer.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

import io.isstreamer.streamer.SentEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class BatchTests {

	private final Bucket bucket = new Bucket("b", "B");

	@Test
	void encodesUpToTheEventCap() {
		BatchEncoder encoder = new BatchEncoder();
		ArrayDeque<Event> events = events(5);
		assertThat(encoder.encode(events, 3, 1_000_000)).isEqualTo(3);
		assertThat(events).hasSize(2);
		assertThat(SentEvent.parse("b", body(encoder))).extracting(SentEvent::key).containsExactly("k0", "k1", "k2");
	}

	@Test
	void encodesUpToTheByteCapAndLeavesTheRest() {
		BatchEncoder encoder = new BatchEncoder();
		ArrayDeque<Event> events = events(100);
		int count = encoder.encode(events, 1000, 200);
		assertThat(encoder.size()).isLessThanOrEqualTo(200);
		assertThat(count + events.size()).isEqualTo(100);
		assertThat(SentEvent.parse("b", body(encoder))).hasSize(count);
	}

	@Test
	void alwaysTakesOneEventEvenAboveTheByteCap() {
		BatchEncoder encoder = new BatchEncoder();
		assertThat(encoder.encode(events(2), 1000, 10)).isOne();
		assertThat(SentEvent.parse("b", body(encoder))).hasSize(1);
	}

	@Test
	void writesKeysWithALoneSurrogateEscapedEveryTime() {
		BatchEncoder encoder = new BatchEncoder();
		for (int round = 0; round < 2; round++) {
			ArrayDeque<Event> events = new ArrayDeque<>();
			events.add(new Event(this.bucket, "a\uDC00b", 1, 1_700_000_000_000_000L));
			assertThat(encoder.encode(events, 10, 1_000_000)).isOne();
			assertThat(new String(body(encoder), StandardCharsets.UTF_8)).startsWith("[{\"key\":\"a\\uDC00b\"");
		}
	}

	@Test
	void givesUpAnEventItCannotWriteAndKeepsTheOthers() {
		BatchEncoder encoder = new BatchEncoder();
		ArrayDeque<Event> events = events(3);
		Event unwritable = new Event(this.bucket, "bad", new Object() {

			@Override
			public String toString() {
				throw new IllegalStateException("no text");
			}

		}, 1_700_000_000_000_000L);
		List<Event> all = new java.util.ArrayList<>(events);
		all.add(1, unwritable);
		events = new ArrayDeque<>(all);
		assertThat(encoder.encode(events, 10, 1_000_000)).isOne();
		assertThat(encoder.unencodable()).isZero();
		assertThat(keys(body(encoder))).containsExactly("k0");
		assertThat(encoder.encode(events, 10, 1_000_000)).isEqualTo(2);
		assertThat(encoder.unencodable()).isOne();
		assertThat(keys(body(encoder))).containsExactly("k1", "k2");
		assertThat(events).isEmpty();
		events.add(unwritable);
		assertThat(encoder.encode(events, 10, 1_000_000)).isZero();
		assertThat(encoder.unencodable()).isOne();
	}

	@Test
	void writesEpochsAsPlainDecimalsWithSixDigits() {
		assertThat(BatchEncoder.epochText(1_419_876_021_778_477L)).isEqualTo("1419876021.778477");
		assertThat(BatchEncoder.epochText(1_000_001L)).isEqualTo("1.000001");
		assertThat(BatchEncoder.epochText(500L)).isEqualTo("0.000500");
	}

	@Test
	void writesEveryEventInFullAcrossSecondsAndWithRepeatedOrNewKeys() {
		BatchEncoder encoder = new BatchEncoder();
		ArrayDeque<Event> events = new ArrayDeque<>();
		events.add(new Event(this.bucket, "temp", 21.5, 1_700_000_000_999_999L));
		events.add(new Event(this.bucket, "temp", 0.1, 1_700_000_001_000_000L));
		events.add(new Event(this.bucket, "état \"x\"", "on", 1_700_000_001_000_042L));
		events.add(new Event(this.bucket, "temp", 1e21, 9_000_000L));
		assertThat(encoder.encode(events, 10, 1_000_000)).isEqualTo(4);
		assertThat(new String(body(encoder), StandardCharsets.UTF_8))
			.isEqualTo("[{\"key\":\"temp\",\"value\":21.5,\"epoch\":1700000000.999999},"
					+ "{\"key\":\"temp\",\"value\":0.1,\"epoch\":1700000001.000000},"
					+ "{\"key\":\"état \\\"x\\\"\",\"value\":\"on\",\"epoch\":1700000001.000042},"
					+ "{\"key\":\"temp\",\"value\":1.0E21,\"epoch\":9.000000}]");
	}

	@Test
	void keepsABoundedNumberOfEncodedKeys() {
		BatchEncoder encoder = new BatchEncoder();
		ArrayDeque<Event> events = new ArrayDeque<>();
		for (int i = 0; i < BatchEncoder.MAX_CACHED_KEYS * 2 + 1; i++) {
			events.add(new Event(this.bucket, "key" + i, i, 1_700_000_000_000_000L));
		}
		int count = encoder.encode(events, Integer.MAX_VALUE, Integer.MAX_VALUE);
		assertThat(SentEvent.parse("b", body(encoder))).hasSize(count)
			.extracting(SentEvent::key)
			.endsWith("key" + (BatchEncoder.MAX_CACHED_KEYS * 2));
	}

	@Test
	void splitsIntoTwoValidHalvesInOrder() {
		BatchEncoder encoder = new BatchEncoder();
		int count = encoder.encode(events(5), 1000, 1_000_000);
		Batch batch = Batch.live(this.bucket, body(encoder), count, 10, 0);
		Batch[] halves = batch.split(null);
		assertThat(SentEvent.parse("b", halves[0].body)).extracting(SentEvent::key).containsExactly("k0", "k1");
		assertThat(SentEvent.parse("b", halves[1].body)).extracting(SentEvent::key).containsExactly("k2", "k3", "k4");
		assertThat(halves[0].firstSequence).isEqualTo(10);
		assertThat(halves[1].firstSequence).isEqualTo(12);
		Batch[] quarters = halves[1].split(null);
		assertThat(SentEvent.parse("b", quarters[1].body)).extracting(SentEvent::key).containsExactly("k3", "k4");
	}

	@Test
	void splitsALineWrittenByAnotherClientWithSpaces() {
		byte[] body = "[ {\"key\":\"a\",\"value\":1} , {\"key\":\"b\",\"value\":{\"nested\":[1,2]}} ]"
			.getBytes(StandardCharsets.UTF_8);
		Batch[] halves = Batch.live(this.bucket, body, 2, -1, 0).split(null);
		assertThat(new String(halves[0].body, StandardCharsets.UTF_8)).isEqualTo("[{\"key\":\"a\",\"value\":1}]");
		assertThat(new String(halves[1].body, StandardCharsets.UTF_8))
			.isEqualTo("[{\"key\":\"b\",\"value\":{\"nested\":[1,2]}}]");
	}

	@Test
	void refusesToSplitSomethingOtherThanAnArray() {
		Batch batch = Batch.live(this.bucket, "{\"key\":1}".getBytes(StandardCharsets.UTF_8), 2, -1, 0);
		assertThatException().isThrownBy(() -> batch.split(null));
	}

	private ArrayDeque<Event> events(int count) {
		ArrayDeque<Event> events = new ArrayDeque<>();
		for (int i = 0; i < count; i++) {
			events.add(new Event(this.bucket, "k" + i, i, 1_700_000_000_000_000L + i));
		}
		return events;
	}

	private static byte[] body(BatchEncoder encoder) {
		return java.util.Arrays.copyOf(encoder.body(), encoder.size());
	}

	static List<String> keys(byte[] body) {
		return SentEvent.parse("b", body).stream().map(SentEvent::key).toList();
	}

}
