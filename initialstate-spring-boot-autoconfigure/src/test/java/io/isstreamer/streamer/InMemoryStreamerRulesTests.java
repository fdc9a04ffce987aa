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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.isstreamer.streamer.memory.InMemoryStreamer;
import io.isstreamer.streamer.memory.RecordedEvent;
import io.isstreamer.streamer.transport.TransportRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link InMemoryStreamer} accepts and refuses exactly what the streamer of the
 * builder does, and records the values it would have sent: the same hostile calls go to
 * both, and their answers, counters and events are compared. Each run uses a fresh seed,
 * printed in any failure; set {@code -Dhostile.seed=...} to replay one.
 */
@Timeout(120)
class InMemoryStreamerRulesTests {

	private static final int TRIALS = 1500;

	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(EventRules.MAX_VALUE_LENGTH).build())
		.build();

	private final long seed = Long.getLong("hostile.seed", System.nanoTime());

	@Test
	void lenientInMemoryStreamerAcceptsRefusesAndRecordsAsTheRealOne() {
		RecordingTransport transport = new RecordingTransport();
		InMemoryStreamer memory = new InMemoryStreamer("hostile", "hostile");
		try (Streamer real = real(transport, 0)) {
			HostileInput input = new HostileInput(this.seed);
			for (int trial = 0; trial < TRIALS; trial++) {
				Call call = Call.next(input);
				Outcome expected = call.apply(real);
				Outcome actual = call.apply(memory);
				assertThat(actual).as("seed %d, trial %d: %s", this.seed, trial, call).isEqualTo(expected);
			}
			assertThat(real.flush(Duration.ofSeconds(60))).as("seed %d: flushed", this.seed).isTrue();
			assertSameCounts(memory.stats(), real.stats());
			assertSameEvents(memory.events(), sent(transport));
		}
	}

	@Test
	void strictInMemoryStreamerThrowsWhatTheRealOneThrows() {
		RecordingTransport transport = new RecordingTransport();
		InMemoryStreamer memory = new InMemoryStreamer("hostile", "hostile", 2, java.time.Clock.systemUTC());
		try (Streamer real = real(transport, 2)) {
			HostileInput input = new HostileInput(this.seed);
			for (int trial = 0; trial < TRIALS / 5; trial++) {
				Call call = Call.next(input);
				Outcome expected = call.apply(real);
				Outcome actual = call.apply(memory);
				assertThat(actual).as("seed %d, trial %d: %s", this.seed, trial, call).isEqualTo(expected);
			}
			assertThat(real.flush(Duration.ofSeconds(60))).as("seed %d: flushed", this.seed).isTrue();
			assertSameCounts(memory.stats(), real.stats());
			assertSameEvents(memory.events(), sent(transport));
		}
	}

	@Test
	void closedInMemoryStreamerRefusesAsTheRealOne() {
		InMemoryStreamer memory = new InMemoryStreamer("b", "b", 2, java.time.Clock.systemUTC());
		Streamer real = real(new RecordingTransport(), 2);
		real.close();
		memory.close();
		Call call = new Call(0, "key", 1, 0, null, null, null);
		assertThat(call.apply(memory)).isEqualTo(call.apply(real))
			.isEqualTo(new Outcome(0, IllegalStateException.class));
		assertSameCounts(memory.stats(), real.stats());
	}

	private static Streamer real(RecordingTransport transport, int debugLevel) {
		return Streamer.builder()
			.transport(transport)
			.spoolEnabled(false)
			.bucketKey("hostile")
			.debugLevel(debugLevel)
			.requestsPerSecond(1000)
			// room for every event of the run, so none is dropped where the in-memory one
			// has no queue
			.maxBufferedEvents(1 << 20)
			.build();
	}

	/**
	 * Read what was sent, allowing numbers as long as any value may be (Jackson's own
	 * default is shorter).
	 */
	private static List<SentEvent> sent(RecordingTransport transport) {
		List<SentEvent> events = new ArrayList<>();
		for (TransportRequest request : transport.eventRequests()) {
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), request.body())) {
				assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					String key = null;
					String value = null;
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String name = parser.currentName();
						JsonToken token = parser.nextToken();
						String text = (token == JsonToken.VALUE_STRING) ? "\"" + parser.getString() + "\""
								: parser.getText();
						if (name.equals("key")) {
							key = parser.getString();
						}
						else if (name.equals("value")) {
							value = text;
						}
					}
					events.add(new SentEvent(request.bucketKey(), key, value, null));
				}
			}
		}
		return events;
	}

	private void assertSameCounts(StreamerStats memory, StreamerStats real) {
		assertThat(memory.logged()).as("seed %d: logged", this.seed).isEqualTo(real.logged());
		assertThat(memory.rejectedByReason()).as("seed %d: rejected", this.seed).isEqualTo(real.rejectedByReason());
		assertThat(memory.delivered()).as("seed %d: delivered", this.seed).isEqualTo(real.delivered());
		assertThat(memory.state()).isEqualTo(real.state());
	}

	private void assertSameEvents(List<RecordedEvent> recorded, List<SentEvent> all) {
		// the in-memory streamer keeps the latest events only
		assertThat(recorded).as("seed %d", this.seed)
			.hasSize(Math.min(all.size(), InMemoryStreamer.MAX_RECORDED_EVENTS));
		List<SentEvent> sent = all.subList(all.size() - recorded.size(), all.size());
		for (int i = 0; i < sent.size(); i++) {
			RecordedEvent event = recorded.get(i);
			SentEvent expected = sent.get(i);
			assertThat(event.key()).as("seed %d, event %d", this.seed, i).isEqualTo(expected.key());
			assertThat(event.bucketKey()).isEqualTo(expected.bucketKey());
			assertThat(sameValue(event.value(), expected.value()))
				.as("seed %d, event %d: recorded %s, sent %s", this.seed, i, event.value(), expected.value())
				.isTrue();
		}
	}

	private static boolean sameValue(Object recorded, String sent) {
		if (recorded instanceof String text) {
			return sent.equals("\"" + text + "\"");
		}
		if (recorded instanceof Boolean) {
			return sent.equals(recorded.toString());
		}
		if (recorded instanceof Float number) {
			return Float.parseFloat(sent) == number;
		}
		if (recorded instanceof Double number) {
			return Double.parseDouble(sent) == number;
		}
		return new BigDecimal(sent).compareTo(new BigDecimal(recorded.toString())) == 0;
	}

	/**
	 * What a call did: how many events it accepted, or what it threw.
	 */
	record Outcome(int accepted, @Nullable Class<?> thrown) {

	}

	/**
	 * One call, drawn once and made on both streamers.
	 */
	record Call(int kind, @Nullable String key, @Nullable Object value, double epoch, @Nullable Instant instant,
			@Nullable Object object, @Nullable String prefix) {

		static Call next(HostileInput input) {
			int kind = input.nextInt(6);
			return switch (kind) {
				case 0 -> new Call(kind, input.key(), input.value(), 0, null, null, null);
				case 1 -> new Call(kind, input.key(), input.value(), input.epochSeconds(), null, null, null);
				case 2 -> new Call(kind, input.key(), input.value(), 0, input.instant(), null, null);
				case 3 -> new Call(kind, null, null, 0, null, input.object(), null);
				case 4 -> new Call(kind, null, null, 0, null, input.object(), input.prefix());
				default -> new Call(kind, null, null, input.epochSeconds(), null, input.object(), input.prefix());
			};
		}

		Outcome apply(Streamer streamer) {
			try {
				int accepted = switch (this.kind) {
					case 0 -> streamer.log(this.key, this.value) ? 1 : 0;
					case 1 -> streamer.log(this.key, this.value, this.epoch) ? 1 : 0;
					case 2 -> streamer.log(this.key, this.value, this.instant) ? 1 : 0;
					case 3 -> streamer.logObject(this.object);
					case 4 -> streamer.logObject(this.object, this.prefix);
					default -> streamer.logObject(this.object, this.prefix, this.epoch);
				};
				return new Outcome(accepted, null);
			}
			catch (RuntimeException ex) {
				return new Outcome(0, ex.getClass());
			}
		}

		@Override
		public String toString() {
			return "call " + this.kind + " key " + describe(this.key) + ", value " + describe(this.value) + ", object "
					+ describe(this.object) + ", prefix " + describe(this.prefix);
		}

		private static String describe(@Nullable Object value) {
			if (value instanceof CharSequence text) {
				return "\"" + ((text.length() <= 40) ? text : text.subSequence(0, 40) + "...") + "\" (" + text.length()
						+ " chars)";
			}
			return Objects.toString((value != null) ? value.getClass().getName() : null);
		}

	}

}
