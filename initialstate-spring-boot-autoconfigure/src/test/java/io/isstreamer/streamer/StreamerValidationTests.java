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

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every event rule: counted and warned about in lenient mode, thrown in strict mode, and
 * never spoiling the good events around it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StreamerValidationTests {

	private final RecordingTransport transport = new RecordingTransport();

	private Streamer streamer;

	@AfterEach
	void close() {
		if (this.streamer != null) {
			this.streamer.close();
		}
	}

	static Stream<Arguments> badEvents() {
		return Stream.of(rule("null key", RejectReason.KEY_MISSING, "null", (s) -> s.log(null, 1)),
				rule("empty key", RejectReason.KEY_MISSING, "", (s) -> s.log("", 1)),
				rule("blank key", RejectReason.KEY_MISSING, "  ", (s) -> s.log("  ", 1)),
				rule("long key", RejectReason.KEY_TOO_LONG, "k".repeat(60), (s) -> s.log("k".repeat(251), 1)),
				rule("null value", RejectReason.VALUE_MISSING, "v", (s) -> s.log("v", null)),
				rule("NaN", RejectReason.VALUE_NOT_FINITE, "v", (s) -> s.log("v", Double.NaN)),
				rule("infinity", RejectReason.VALUE_NOT_FINITE, "v", (s) -> s.log("v", Double.POSITIVE_INFINITY)),
				rule("float NaN", RejectReason.VALUE_NOT_FINITE, "v", (s) -> s.log("v", Float.NaN)),
				rule("long text", RejectReason.VALUE_TOO_LONG, "v", (s) -> s.log("v", "x".repeat(2001))),
				rule("long toString", RejectReason.VALUE_TOO_LONG, "v", (s) -> s.log("v", new Text("y".repeat(2001)))),
				rule("throwing toString", RejectReason.VALUE_UNREADABLE, "v", (s) -> s.log("v", new Throwing())),
				rule("null toString", RejectReason.VALUE_UNREADABLE, "v", (s) -> s.log("v", new Text(null))),
				rule("toString throwing a checked exception", RejectReason.VALUE_UNREADABLE, "v",
						(s) -> s.log("v",
								new HostileInput.ToString(() -> HostileInput.sneakyThrow(new IOException())))),
				rule("toString throwing an error", RejectReason.VALUE_UNREADABLE, "v",
						(s) -> s.log("v", new HostileInput.ToString(() -> {
							throw new AssertionError();
						}))),
				rule("unreadable number", RejectReason.VALUE_UNREADABLE, "v",
						(s) -> s.log("v", new HostileInput.ThrowingNumber())),
				rule("logObject of a map failing while read", RejectReason.VALUE_UNREADABLE, "dict",
						(s) -> s.logObject(new HostileInput.ThrowingMap())),
				rule("integer beyond a double", RejectReason.VALUE_NOT_FINITE, "v",
						(s) -> s.log("v", BigInteger.TEN.pow(400))),
				rule("decimal beyond a double", RejectReason.VALUE_NOT_FINITE, "v",
						(s) -> s.log("v", new BigDecimal("1e400"))),
				rule("decimal of more than 2000 digits", RejectReason.VALUE_TOO_LONG, "v",
						(s) -> s.log("v", new BigDecimal("0." + "1".repeat(2000)))),
				rule("NaN epoch", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, Double.NaN)),
				rule("epoch below a microsecond", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, 4e-7)),
				rule("instant below a microsecond", RejectReason.EPOCH_INVALID, "v",
						(s) -> s.log("v", 1, Instant.ofEpochSecond(0, 999))),
				rule("negative epoch", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, -5.0)),
				rule("zero epoch", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, 0.0)),
				rule("infinite epoch", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, Double.POSITIVE_INFINITY)),
				rule("null instant", RejectReason.EPOCH_INVALID, "v", (s) -> s.log("v", 1, (Instant) null)),
				rule("epoch in milliseconds", RejectReason.EPOCH_IN_MILLISECONDS, "v",
						(s) -> s.log("v", 1, 1_419_876_021_778.0)),
				rule("logObject epoch in milliseconds", RejectReason.EPOCH_IN_MILLISECONDS, "p",
						(s) -> s.logObject(List.of(1), "p", 1_419_876_021_778.0)),
				rule("logObject null field", RejectReason.VALUE_MISSING, "Holder_value",
						(s) -> s.logObject(new Holder(null))),
				rule("logObject throwing getter", RejectReason.VALUE_UNREADABLE, "Broken_value",
						(s) -> s.logObject(new Broken())));
	}

	private static Arguments rule(String name, RejectReason reason, String keyInMessage, Consumer<Streamer> call) {
		return Arguments.of(name, reason, keyInMessage, call);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badEvents")
	void lenientModeCountsTheRejectionAndDeliversTheGoodEventsAround(String name, RejectReason reason,
			String keyInMessage, Consumer<Streamer> call) {
		this.streamer = build(0);
		this.streamer.log("before", 1, 1_700_000_000.0);
		call.accept(this.streamer);
		this.streamer.log("after", 2, 1_700_000_000.0);
		assertThat(this.streamer.flush()).isTrue();
		StreamerStats stats = this.streamer.stats();
		assertThat(stats.rejectedByReason()).containsExactly(org.assertj.core.api.Assertions.entry(reason, 1L));
		assertThat(stats.rejected()).isOne();
		assertThat(this.transport.events()).extracting(SentEvent::key).containsExactly("before", "after");
		assertThat(stats.logged()).isEqualTo(3);
		assertThat(stats.delivered()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badEvents")
	void strictModeThrowsNamingTheKeyAndTheRule(String name, RejectReason reason, String keyInMessage,
			Consumer<Streamer> call) {
		this.streamer = build(2);
		assertThatIllegalArgumentException().isThrownBy(() -> call.accept(this.streamer))
			.withMessageContaining("'" + keyInMessage)
			.withMessageContaining(reason.description());
		assertThat(this.streamer.stats().rejectedByReason()).containsKey(reason);
	}

	@Test
	void strictLogObjectIsAllOrNothing() {
		this.streamer = build(2);
		assertThatIllegalArgumentException().isThrownBy(() -> this.streamer.logObject(new Pair(1, null)));
		assertThat(this.streamer.flush()).isTrue();
		assertThat(this.transport.events()).isEmpty();
	}

	@Test
	void lenientLogObjectKeepsTheGoodFields() {
		this.streamer = build(0);
		assertThat(this.streamer.logObject(new Pair(1, null), "", 1_700_000_000.0)).isOne();
		assertThat(this.streamer.flush()).isTrue();
		assertThat(this.transport.events()).extracting(SentEvent::key).containsExactly("good");
		assertThat(this.streamer.stats().rejectedByReason()).containsEntry(RejectReason.VALUE_MISSING, 1L);
	}

	@Test
	void logObjectOfAnEndlessIterableStopsAtTheValueCap() {
		this.streamer = build(0);
		Iterable<Integer> endless = () -> java.util.stream.Stream.iterate(0, (i) -> i + 1).iterator();
		assertThat(this.streamer.logObject(endless, "n", 1_700_000_000.0)).isEqualTo(10_000);
		assertThat(this.streamer.flush()).isTrue();
		assertThat(this.transport.events()).hasSize(10_000).last().extracting(SentEvent::key).isEqualTo("n_9999");
	}

	@Test
	void logAfterCloseIsCountedInLenientMode() {
		this.streamer = build(0);
		this.streamer.close();
		assertThat(this.streamer.log("late", 1)).isFalse();
		assertThat(this.streamer.logObject(List.of(1))).isZero();
		assertThat(this.streamer.stats().rejectedByReason()).containsEntry(RejectReason.STREAMER_CLOSED, 2L);
	}

	@Test
	void logAfterCloseThrowsInStrictMode() {
		this.streamer = build(2);
		this.streamer.close();
		assertThatIllegalStateException().isThrownBy(() -> this.streamer.log("late", 1))
			.withMessageContaining("closed");
	}

	@Test
	void rejectionWarningsAreRateLimited(CapturedOutput output) {
		this.streamer = build(0);
		for (int i = 0; i < 1000; i++) {
			this.streamer.log("bad", Double.NaN);
		}
		assertThat(this.streamer.stats().rejected()).isEqualTo(1000);
		assertThat(output.getOut().lines().filter((line) -> line.contains("event rejected for key 'bad'"))).hasSize(1);
	}

	@Test
	void invalidBucketKeysAreRefusedWithTheRule() {
		this.streamer = build(0);
		assertThatIllegalArgumentException().isThrownBy(() -> this.streamer.setBucket("Name", "a:b"))
			.withMessageContaining("':'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.streamer.setBucket("Name", "k".repeat(251)))
			.withMessageContaining("250");
		assertThatIllegalArgumentException().isThrownBy(() -> this.streamer.setBucket("Name", "line\nbreak"))
			.withMessageContaining("printable ASCII");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Streamer.builder().bucketKey("it's").accessKey("k").build())
			.withMessageContaining("'''");
		assertThat(this.streamer.stats().bucketKey()).isEqualTo("bucket");
	}

	private Streamer build(int debugLevel) {
		return Streamer.builder()
			.transport(this.transport)
			.bucketKey("bucket")
			.debugLevel(debugLevel)
			.spoolEnabled(false)
			.bufferSize(1000)
			.flushInterval(Duration.ofHours(1))
			.requestsPerSecond(1000)
			.build();
	}

	record Text(String text) {

		@Override
		public String toString() {
			return this.text;
		}

	}

	static class Throwing {

		@Override
		public String toString() {
			throw new IllegalStateException("boom");
		}

	}

	record Holder(Object value) {
	}

	record Pair(Object good, Object bad) {
	}

	static class Broken {

		public String getValue() {
			throw new IllegalStateException("broken getter");
		}

	}

}
