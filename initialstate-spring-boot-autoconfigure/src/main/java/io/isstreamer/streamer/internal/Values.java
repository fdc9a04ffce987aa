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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import io.isstreamer.streamer.EventRules;
import io.isstreamer.streamer.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a caller logs into a value the encoder writes, on the caller's thread, so a
 * mutable value cannot change after it was logged.
 */
final class Values {

	private static final long MICROS_PER_SECOND = 1_000_000L;

	private Values() {
	}

	/**
	 * Normalise a value.
	 * @param value the logged value
	 * @return a {@link String}, {@link Boolean} or immutable {@link Number}, or the
	 * {@link RejectReason} that refuses it
	 */
	static Object normalize(@Nullable Object value) {
		if (value instanceof String string) {
			return (string.length() <= EventRules.MAX_VALUE_LENGTH) ? string : RejectReason.VALUE_TOO_LONG;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value instanceof Short
				|| value instanceof Byte) {
			return value;
		}
		if (value instanceof BigInteger || value instanceof BigDecimal) {
			return normalizeBig((Number) value);
		}
		if (value instanceof Double number) {
			return Double.isFinite(number) ? number : RejectReason.VALUE_NOT_FINITE;
		}
		if (value instanceof Float number) {
			return Float.isFinite(number) ? number : RejectReason.VALUE_NOT_FINITE;
		}
		if (value == null) {
			return RejectReason.VALUE_MISSING;
		}
		return normalizeOther(value);
	}

	/**
	 * Big numbers are sent exactly, within the limits other values keep: beyond a
	 * double's range the service could only read them as infinite, and their text may be
	 * no longer than any other value's. A subclass is copied into the plain class first:
	 * its methods are the caller's code, which may throw or change its answers.
	 */
	private static Object normalizeBig(Number number) {
		Number exact;
		String text;
		try {
			exact = plain(number);
			if (!Double.isFinite(exact.doubleValue())) {
				return RejectReason.VALUE_NOT_FINITE;
			}
			text = exact.toString();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return RejectReason.VALUE_UNREADABLE;
		}
		return (text.length() <= EventRules.MAX_VALUE_LENGTH) ? exact : RejectReason.VALUE_TOO_LONG;
	}

	private static Number plain(Number number) {
		if (number.getClass() == BigInteger.class || number.getClass() == BigDecimal.class) {
			return number;
		}
		if (number instanceof BigInteger integer) {
			return new BigInteger(integer.toByteArray());
		}
		BigDecimal decimal = (BigDecimal) number;
		return new BigDecimal(new BigInteger(decimal.unscaledValue().toByteArray()), decimal.scale());
	}

	private static Object normalizeOther(Object value) {
		if (value instanceof AtomicInteger || value instanceof AtomicLong || value instanceof LongAdder
				|| value instanceof LongAccumulator) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number number) {
			double snapshot;
			try {
				snapshot = number.doubleValue();
			}
			catch (Throwable ex) {
				rethrowIfFatal(ex);
				return RejectReason.VALUE_UNREADABLE;
			}
			return Double.isFinite(snapshot) ? snapshot : RejectReason.VALUE_NOT_FINITE;
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		String text;
		try {
			text = value.toString();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return RejectReason.VALUE_UNREADABLE;
		}
		if (text == null) {
			return RejectReason.VALUE_UNREADABLE;
		}
		return (text.length() <= EventRules.MAX_VALUE_LENGTH) ? text : RejectReason.VALUE_TOO_LONG;
	}

	/**
	 * Rethrow what the JVM cannot go on after (out of memory, an internal error); any
	 * other failure of the caller's own code, even an {@link Error} or a checked
	 * exception thrown sneakily, is the caller's bad input and never reaches the caller.
	 * A {@link StackOverflowError} (a {@code toString} with a cycle) is bad input too.
	 * @param ex what the caller's code threw
	 */
	static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
			throw (VirtualMachineError) ex;
		}
	}

	/**
	 * Return the current time in microseconds since 1970.
	 * @return the time
	 */
	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1_000;
	}

	static long toMicros(double epochSeconds) {
		return Math.round(epochSeconds * MICROS_PER_SECOND);
	}

	static long toMicros(Instant instant) {
		return instant.getEpochSecond() * MICROS_PER_SECOND + instant.getNano() / 1_000;
	}

}
