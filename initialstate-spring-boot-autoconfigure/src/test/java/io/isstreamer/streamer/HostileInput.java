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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Hostile input for property tests: keys, values, objects and timestamps of every awkward
 * kind (unicode of all planes, lone surrogates, control characters, huge strings, odd
 * numbers, cycles, throwing {@code toString} and getters, {@code null} everywhere), drawn
 * from a seeded {@link Random} so that a failure can be replayed from its seed.
 */
final class HostileInput {

	private static final String[] FIXED_TEXTS = { "", " ", "\t\n\r", "\u0000", "\u2003", "\u00a0", "\ufeff",
			"\u200b\u200d", "\ud83d\ude00", "\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "\"\\/\b\f\n\r\t",
			"</script>", "\u202e\u202d", "null", "true", "1e999", "-0", "NaN", "{\"key\":1}", "]},{",
			"\u0085\u2028\u2029", "\uffff\ufffe", "\u0007\u001b[2K" };

	private static final String LONG_TEXT = "x".repeat(1_000_000);

	private final Random random;

	HostileInput(long seed) {
		this.random = new Random(seed);
	}

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	String key() {
		return switch (this.random.nextInt(10)) {
			case 0 -> null;
			case 1 -> pick(FIXED_TEXTS);
			case 2 -> text(240 + this.random.nextInt(20));
			case 3 -> text(1000 + this.random.nextInt(100_000));
			default -> text(1 + this.random.nextInt(30));
		};
	}

	Object value() {
		return switch (this.random.nextInt(16)) {
			case 0 -> null;
			case 1 -> text(this.random.nextInt(40));
			case 2 -> text(1990 + this.random.nextInt(20));
			case 3 -> (this.random.nextInt(4) == 0) ? LONG_TEXT : text(2000 + this.random.nextInt(50_000));
			case 4 -> pick(FIXED_TEXTS);
			case 5 -> number();
			case 6 -> number();
			case 7 -> throwingToString();
			case 8 -> container(0);
			case 9 -> cyclic();
			case 10 -> new StringBuilder(text(this.random.nextInt(3000)));
			case 11 -> (char) this.random.nextInt(0x10000);
			case 12 -> pick(new Object[] { Boolean.TRUE, Boolean.FALSE, Thread.State.BLOCKED, UUID.randomUUID(),
					Optional.empty(), Optional.of(text(5)), LocalDate.MAX, Instant.MIN, new Object() });
			case 13 -> new Bean(this);
			case 14 -> new Record(text(3), throwingToString(), number());
			default -> text(1 + this.random.nextInt(200));
		};
	}

	Object number() {
		return switch (this.random.nextInt(22)) {
			case 0 -> Double.NaN;
			case 1 -> Double.POSITIVE_INFINITY;
			case 2 -> Double.NEGATIVE_INFINITY;
			case 3 -> -0.0d;
			case 4 -> Double.MIN_VALUE;
			case 5 -> Double.MAX_VALUE;
			case 6 -> Float.NaN;
			case 7 -> Float.MAX_VALUE;
			case 8 -> Long.MIN_VALUE;
			case 9 -> Integer.MIN_VALUE;
			case 10 -> (byte) -128;
			case 11 -> new BigInteger(1 + this.random.nextInt(20_000), this.random).negate();
			case 12 ->
				new BigDecimal(new BigInteger(1 + this.random.nextInt(20_000), this.random), this.random.nextInt() / 2);
			case 13 -> new BigDecimal("1e" + (Integer.MAX_VALUE - 1));
			case 14 -> new BigDecimal("1e-" + Integer.MAX_VALUE / 2);
			case 15 -> new AtomicLong(this.random.nextLong());
			case 16 -> new ThrowingNumber();
			case 17 -> new NaNNumber();
			case 18 -> this.random.nextGaussian() * Math.pow(10, this.random.nextInt(600) - 300);
			case 19 -> new BigDecimal(new BigInteger(1 + this.random.nextInt(200), this.random), 0);
			case 20 -> BigDecimal.valueOf(this.random.nextLong(), this.random.nextInt(40) - 20);
			default -> this.random.nextLong();
		};
	}

	double epochSeconds() {
		return switch (this.random.nextInt(14)) {
			case 0 -> Double.NaN;
			case 1 -> Double.POSITIVE_INFINITY;
			case 2 -> Double.NEGATIVE_INFINITY;
			case 3 -> 0;
			case 4 -> -1;
			case 5 -> Double.MIN_VALUE;
			case 6 -> 1e-7;
			case 7 -> System.currentTimeMillis();
			case 8 -> EventRules.MAX_EPOCH_SECONDS;
			case 9 -> Math.nextUp(EventRules.MAX_EPOCH_SECONDS);
			case 10 -> Double.MAX_VALUE;
			case 11 -> -0.0d;
			case 12 -> this.random.nextDouble() * EventRules.MAX_EPOCH_SECONDS;
			default -> System.currentTimeMillis() / 1000.0 + this.random.nextGaussian();
		};
	}

	Instant instant() {
		return switch (this.random.nextInt(8)) {
			case 0 -> null;
			case 1 -> Instant.MIN;
			case 2 -> Instant.MAX;
			case 3 -> Instant.EPOCH;
			case 4 -> Instant.ofEpochSecond(0, 1);
			case 5 -> Instant.ofEpochSecond(-1, 999_999_999);
			case 6 -> Instant.ofEpochMilli(this.random.nextLong());
			default -> Instant.now();
		};
	}

	Object object() {
		return switch (this.random.nextInt(8)) {
			case 0 -> null;
			case 1 -> value();
			case 2 -> cyclic();
			case 3 -> new Bean(this);
			case 4 -> hugeMap();
			case 5 -> new ThrowingMap();
			case 6 -> new int[] { 1, 2, 3 };
			default -> container(0);
		};
	}

	String prefix() {
		return switch (this.random.nextInt(5)) {
			case 0 -> null;
			case 1 -> "";
			default -> key();
		};
	}

	private Object container(int depth) {
		int size = this.random.nextInt(6);
		if (this.random.nextBoolean()) {
			Map<Object, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < size; i++) {
				Object key = switch (this.random.nextInt(4)) {
					case 0 -> null;
					case 1 -> throwingToString();
					default -> key();
				};
				map.put(key, (depth < 5 && this.random.nextInt(3) == 0) ? container(depth + 1) : value());
			}
			return map;
		}
		List<Object> list = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			list.add((depth < 5 && this.random.nextInt(3) == 0) ? container(depth + 1) : value());
		}
		return (this.random.nextBoolean()) ? list : list.toArray();
	}

	private Object cyclic() {
		Map<String, Object> map = new HashMap<>();
		List<Object> list = new ArrayList<>();
		map.put("list", list);
		map.put("self", map);
		list.add(map);
		list.add(list);
		list.add(text(3));
		return this.random.nextBoolean() ? map : list;
	}

	private Map<String, Object> hugeMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < 3000; i++) {
			map.put("k" + i, i);
		}
		return map;
	}

	Object throwingToString() {
		return switch (this.random.nextInt(6)) {
			case 0 -> new ToString(() -> {
				throw new IllegalStateException("toString failed");
			});
			case 1 -> new ToString(() -> sneakyThrow(new IOException("checked, thrown sneakily")));
			case 2 -> new ToString(() -> {
				throw new StackOverflowError();
			});
			case 3 -> new ToString(() -> null);
			case 4 -> new ToString(() -> LONG_TEXT);
			default -> new ToString(() -> {
				throw new AssertionError("an assertion in user code");
			});
		};
	}

	private String text(int length) {
		StringBuilder text = new StringBuilder(length);
		int kind = this.random.nextInt(5);
		while (text.length() < length) {
			int c = switch (kind) {
				case 0 -> 'a' + this.random.nextInt(26);
				case 1 -> this.random.nextInt(0x80);
				case 2 -> this.random.nextInt(0x10000);
				case 3 -> this.random.nextInt(Character.MAX_CODE_POINT + 1);
				default -> (this.random.nextInt(8) == 0) ? this.random.nextInt(0x20) : 0x20 + this.random.nextInt(0x5f);
			};
			text.appendCodePoint(c);
		}
		text.setLength(length);
		return text.toString();
	}

	private <T> T pick(T[] choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	@SuppressWarnings("unchecked")
	static <E extends Throwable> String sneakyThrow(Throwable ex) throws E {
		throw (E) ex;
	}

	/**
	 * An object whose {@code toString} does what it is told, including throwing.
	 */
	static final class ToString {

		private final Supplier<String> text;

		ToString(Supplier<String> text) {
			this.text = text;
		}

		@Override
		public String toString() {
			return this.text.get();
		}

	}

	/**
	 * A number that cannot be read.
	 */
	static final class ThrowingNumber extends Number {

		@Override
		public int intValue() {
			throw new IllegalStateException("intValue failed");
		}

		@Override
		public long longValue() {
			throw new IllegalStateException("longValue failed");
		}

		@Override
		public float floatValue() {
			throw new IllegalStateException("floatValue failed");
		}

		@Override
		public double doubleValue() {
			throw new IllegalStateException("doubleValue failed");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString failed");
		}

	}

	/**
	 * A number that is not a number.
	 */
	static final class NaNNumber extends Number {

		@Override
		public int intValue() {
			return 0;
		}

		@Override
		public long longValue() {
			return 0;
		}

		@Override
		public float floatValue() {
			return Float.NaN;
		}

		@Override
		public double doubleValue() {
			return Double.NaN;
		}

	}

	/**
	 * A map that fails while it is read.
	 */
	static final class ThrowingMap extends HashMap<String, Object> {

		ThrowingMap() {
			put("a", 1);
		}

		@Override
		public java.util.Set<Map.Entry<String, Object>> entrySet() {
			return new java.util.AbstractSet<>() {

				@Override
				public Iterator<Map.Entry<String, Object>> iterator() {
					sneakyThrow(new IOException("iteration failed"));
					return null;
				}

				@Override
				public int size() {
					return 1;
				}

			};
		}

	}

	/**
	 * A JavaBean with awkward getters: one throws, one leads back to itself, one is
	 * random.
	 */
	public static final class Bean {

		private final Object value;

		private final Bean self;

		Bean(HostileInput input) {
			this.value = input.value();
			this.self = this;
		}

		public Object getValue() {
			return this.value;
		}

		public Bean getSelf() {
			return this.self;
		}

		public Object getBroken() {
			throw new IllegalStateException("getter failed");
		}

		public Object getSneaky() {
			return sneakyThrow(new IOException("getter failed sneakily"));
		}

		public List<Object> getNumbers() {
			return Arrays.asList(1, 2.5, null);
		}

	}

	/**
	 * A record with hostile components.
	 */
	public record Record(String name, Object hostile, Object number) {

	}

}
