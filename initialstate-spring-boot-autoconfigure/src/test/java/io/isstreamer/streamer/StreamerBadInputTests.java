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

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Property tests that throw hostile keys, values, objects and timestamps at {@code log}
 * and {@code logObject}: the caller is never hurt, every rejection is counted, and every
 * request body is valid JSON within the service's limits, so the service never has to
 * answer 400 because of us. Each property runs on a fresh seed, printed in any failure;
 * set {@code -Dhostile.seed=...} to replay one.
 */
@Timeout(120)
class StreamerBadInputTests {

	private static final int TRIALS = 3000;

	private final long seed = Long.getLong("hostile.seed", System.nanoTime());

	@TempDir
	Path spoolDirectory;

	@Test
	void lenientStreamerNeverThrowsCountsEveryRejectionAndSendsOnlyValidBodies() {
		ValidatingService service = new ValidatingService(StreamerBuilder.MIN_BATCH_BYTES);
		HostileInput input = new HostileInput(this.seed);
		long acceptedByCalls = 0;
		long refusedWhenFull = 0;
		try (Streamer streamer = streamer(service, 0)) {
			for (int trial = 0; trial < TRIALS; trial++) {
				StreamerStats before = streamer.stats();
				String call = null;
				try {
					Call result = call(streamer, input);
					call = result.description;
					StreamerStats after = streamer.stats();
					long logged = after.logged() - before.logged();
					long rejected = after.rejected() - before.rejected();
					long dropped = queueFull(after) - queueFull(before);
					assertThat(logged)
						.as("seed %d, trial %d: %s, accepted %d, rejected %d, dropped %d", this.seed, trial, call,
								result.accepted, rejected, dropped)
						.isEqualTo(result.accepted + rejected + dropped)
						.isGreaterThanOrEqualTo(result.minimumLogged);
					acceptedByCalls += result.accepted;
					refusedWhenFull += dropped;
				}
				catch (Throwable ex) {
					throw new AssertionError("seed " + this.seed + ", trial " + trial + ": " + call + " threw " + ex,
							ex);
				}
			}
			long accepted = acceptedByCalls;
			// faster than one sender can send: the excess went through the spool; where
			// the caller outran the sender (an idle machine), log() found the queue full
			// and returned false; every event it accepted must arrive
			// a timeout names the seed and the last books, to replay the run
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				StreamerStats now = streamer.stats();
				assertThat(now.delivered() == accepted && now.pending() == 0 && now.spoolBacklog() == 0)
					.as("seed %d, %d accepted, all delivered: %s", this.seed, accepted, now)
					.isTrue();
			});
			StreamerStats stats = streamer.stats();
			assertThat(service.violations()).as("seed %d", this.seed).isEmpty();
			assertThat(stats.requestsByStatus()).as("seed %d", this.seed).containsOnlyKeys(201, 204);
			assertThat(stats.delivered()).isEqualTo(acceptedByCalls);
			assertThat(service.events()).isEqualTo(acceptedByCalls);
			// nothing dropped but what log() refused when the queue was full
			assertThat(stats.dropped()).as("%s", stats).isEqualTo(refusedWhenFull);
			assertThat(stats.droppedByReason().keySet()).as("%s", stats).isSubsetOf(DropReason.QUEUE_FULL);
			assertThat(stats.accepted()).isEqualTo(acceptedByCalls + refusedWhenFull);
			assertThat(stats.rejectedByReason().values().stream().mapToLong(Long::longValue).sum())
				.isEqualTo(stats.rejected());
			StreamerFailureTests.assertBalanced(stats);
		}
	}

	@Test
	void strictStreamerThrowsOnlyIllegalArgumentAndQueuesNothingOfACallThatThrew() {
		ValidatingService service = new ValidatingService(StreamerBuilder.DEFAULT_MAX_BATCH_BYTES);
		HostileInput input = new HostileInput(this.seed);
		try (Streamer streamer = streamer(service, 2)) {
			for (int trial = 0; trial < TRIALS / 10; trial++) {
				StreamerStats before = streamer.stats();
				String call = null;
				try {
					call = call(streamer, input).description;
				}
				catch (IllegalArgumentException ex) {
					StreamerStats after = streamer.stats();
					assertThat(after.accepted() - before.accepted())
						.as("seed %d, trial %d: %s", this.seed, trial, ex.getMessage())
						.isZero();
					assertThat(after.rejected()).isGreaterThan(before.rejected());
				}
				catch (Throwable ex) {
					throw new AssertionError("seed " + this.seed + ", trial " + trial + ": " + call + " threw " + ex,
							ex);
				}
			}
			boolean flushed = streamer.flush(Duration.ofSeconds(60));
			assertThat(service.violations()).as("seed %d", this.seed).isEmpty();
			assertThat(flushed).as("seed %d: flushed", this.seed).isTrue();
			StreamerFailureTests.assertBalanced(streamer.stats());
		}
	}

	private static long queueFull(StreamerStats stats) {
		return stats.droppedByReason().getOrDefault(DropReason.QUEUE_FULL, 0L);
	}

	private Streamer streamer(Transport transport, int debugLevel) {
		return Streamer.builder()
			.transport(transport)
			.spoolDirectory(this.spoolDirectory)
			.bucketKey("hostile")
			.debugLevel(debugLevel)
			.maxBatchBytes(StreamerBuilder.MIN_BATCH_BYTES)
			.requestsPerSecond(1000)
			.build();
	}

	private static Call call(Streamer streamer, HostileInput input) {
		switch (input.nextInt(6)) {
			case 0 -> {
				String key = input.key();
				Object value = input.value();
				return new Call("log(" + describe(key) + ", " + describe(value) + ")", streamer.log(key, value) ? 1 : 0,
						1);
			}
			case 1 -> {
				String key = input.key();
				Object value = input.value();
				double epoch = input.epochSeconds();
				return new Call("log(" + describe(key) + ", " + describe(value) + ", " + epoch + ")",
						streamer.log(key, value, epoch) ? 1 : 0, 1);
			}
			case 2 -> {
				String key = input.key();
				Object value = input.value();
				java.time.Instant instant = input.instant();
				return new Call("log(" + describe(key) + ", " + describe(value) + ", " + instant + ")",
						streamer.log(key, value, instant) ? 1 : 0, 1);
			}
			case 3 -> {
				Object object = input.object();
				return new Call("logObject(" + describe(object) + ")", streamer.logObject(object), 0);
			}
			case 4 -> {
				Object object = input.object();
				String prefix = input.prefix();
				return new Call("logObject(" + describe(object) + ", " + describe(prefix) + ")",
						streamer.logObject(object, prefix), 0);
			}
			default -> {
				Object object = input.object();
				String prefix = input.prefix();
				double epoch = input.epochSeconds();
				return new Call("logObject(" + describe(object) + ", " + describe(prefix) + ", " + epoch + ")",
						streamer.logObject(object, prefix, epoch), 0);
			}
		}
	}

	private static String describe(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof CharSequence text) {
			return "\"" + abbreviate(text.toString()) + "\" (" + text.length() + " chars)";
		}
		return value.getClass().getName();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

	private record Call(String description, int accepted, int minimumLogged) {

	}

	/**
	 * Checks every body as strictly as the service would and answers 400 to any it would
	 * refuse: valid UTF-8, valid JSON, an array of events with a key of 1 to 250
	 * characters, a string, number or boolean value of at most 2000 characters, and a
	 * positive plain decimal epoch, within the byte cap.
	 */
	static final class ValidatingService implements Transport {

		// numbers as long as any value may be (Jackson's own default is shorter)
		private static final JsonFactory JSON = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(EventRules.MAX_VALUE_LENGTH).build())
			.build();

		private static final Pattern PLAIN_EPOCH = Pattern.compile("[0-9]+(\\.[0-9]{1,6})?");

		private final int maxBytes;

		private final List<String> violations = new CopyOnWriteArrayList<>();

		private volatile long events;

		ValidatingService(int maxBytes) {
			this.maxBytes = maxBytes;
		}

		@Override
		public TransportResponse send(TransportRequest request) {
			String problem = problem(request);
			if (problem != null) {
				this.violations.add(problem);
				return TransportResponse.of(400);
			}
			return TransportResponse.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);
		}

		List<String> violations() {
			return this.violations.stream().map((violation) -> abbreviate(violation)).distinct().limit(20).toList();
		}

		long events() {
			return this.events;
		}

		private String problem(TransportRequest request) {
			byte[] body = request.body();
			if (body.length > this.maxBytes) {
				return "body of " + body.length + " bytes";
			}
			try {
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body));
			}
			catch (CharacterCodingException ex) {
				return "not UTF-8: " + ex;
			}
			if (request.kind() == TransportRequest.Kind.CREATE_BUCKET) {
				return null;
			}
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
				if (parser.nextToken() != JsonToken.START_ARRAY) {
					return "not an array";
				}
				int count = 0;
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					String problem = eventProblem(parser);
					if (problem != null) {
						return problem;
					}
					count++;
				}
				if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != null) {
					return "trailing content";
				}
				if (count == 0) {
					return "no events";
				}
				this.events += count;
				return null;
			}
			catch (RuntimeException ex) {
				return "not JSON: " + ex.getMessage();
			}
		}

		private static String eventProblem(JsonParser parser) {
			int fields = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken token = parser.nextToken();
				String text = parser.getText();
				fields++;
				switch (name) {
					case "key" -> {
						if (token != JsonToken.VALUE_STRING || text.isBlank()
								|| text.length() > EventRules.MAX_KEY_LENGTH) {
							return "bad key " + abbreviate(text);
						}
					}
					case "value" -> {
						if (!(token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
								|| token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_TRUE
								|| token == JsonToken.VALUE_FALSE) || text.length() > EventRules.MAX_VALUE_LENGTH) {
							return "bad value " + token + " of " + text.length() + " chars: " + abbreviate(text);
						}
					}
					case "epoch" -> {
						if (!PLAIN_EPOCH.matcher(text).matches() || !(Double.parseDouble(text) > 0)) {
							return "bad epoch " + text;
						}
					}
					default -> {
						return "unexpected property " + name;
					}
				}
			}
			return (fields == 3) ? null : "an event with " + fields + " properties";
		}

	}

}
