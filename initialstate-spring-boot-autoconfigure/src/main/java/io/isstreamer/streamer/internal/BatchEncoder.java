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

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes request bodies with Jackson's streaming generator into one reused buffer,
 * measuring each event as it goes so a body fills up to the byte cap and never past it.
 * Used by the sender thread only.
 */
final class BatchEncoder {

	private static final int MICROS_DIGITS = 6;

	private static final SerializableString KEY = new SerializedString("key");

	private static final SerializableString VALUE = new SerializedString("value");

	private static final SerializableString EPOCH = new SerializedString("epoch");

	/**
	 * Marks a key that is written as a plain string each time.
	 */
	private static final SerializableString UNCACHEABLE = new SerializedString("");

	/**
	 * Distinct keys whose encoded form is kept; past it the cache starts over, so keys
	 * made up per event cannot grow it without bound.
	 */
	static final int MAX_CACHED_KEYS = 4096;

	private final JsonFactory factory = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

	/**
	 * Keys repeat (a sensor, a metric) so their quoted UTF-8 form is encoded once, not
	 * once per event.
	 */
	private final Map<String, SerializableString> keys = new HashMap<>();

	private int unencodable;

	private final Buffer buffer = new Buffer();

	private final char[] epochChars = new char[32];

	/**
	 * The second the {@code epochChars} start with, and its length with the dot: events
	 * come in time order, so only the six digits of the fraction change from one to the
	 * next.
	 */
	private long epochSecond = -1;

	private int epochSecondLength;

	/**
	 * Mean size of an event in the latest body, with its comma.
	 */
	private int bytesPerEvent = 100;

	/**
	 * Take events from the head of a bucket's queue into one body, in the shared buffer
	 * (see {@link #body()} and {@link #size()}), valid until the next call. An event at
	 * the head that cannot be written is removed and counted in {@link #unencodable()}
	 * rather than let the sender fail.
	 * @param events the bucket's pending events; those encoded are removed
	 * @param maxEvents the most events to take
	 * @param maxBytes the largest body
	 * @return the number of events encoded (at least one when {@code events} holds an
	 * event that can be written)
	 */
	int encode(ArrayDeque<Event> events, int maxEvents, int maxBytes) {
		this.unencodable = 0;
		int count;
		while ((count = encodeFromHead(events, maxEvents, maxBytes)) < 0) {
			events.pollFirst();
			this.unencodable++;
		}
		if (count > 0) {
			this.bytesPerEvent = Math.max(1, this.buffer.size / count);
		}
		return count;
	}

	/**
	 * Return how many events the latest {@link #encode} removed because they could not be
	 * written; they came before the encoded ones.
	 * @return the count
	 */
	int unencodable() {
		return this.unencodable;
	}

	/**
	 * Encode events from the head, leaving them in place until the body is complete.
	 * @return the number encoded, or -1 if the head event cannot be written
	 */
	private int encodeFromHead(ArrayDeque<Event> events, int maxEvents, int maxBytes) {
		Buffer out = this.buffer;
		out.reset();
		int limit = Math.min(maxEvents, events.size());
		int count = 0;
		JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), out);
		try {
			generator.writeStartArray();
			Iterator<Event> iterator = events.iterator();
			while (count < limit) {
				Event event = iterator.next();
				// sizes include what the generator still buffers, so it is flushed only
				// to
				// cut off an event
				int mark = out.size() + generator.streamWriteOutputBuffered();
				boolean written = write(generator, event);
				if (!written || (out.size() + generator.streamWriteOutputBuffered() + 1 > maxBytes && count > 0)) {
					if (!written && count == 0) {
						return -1;
					}
					generator.flush();
					out.truncate(mark);
					break;
				}
				count++;
			}
			// the array is closed by hand: the generator may be stuck in a half-written
			// event
			generator.flush();
			out.write(']');
		}
		finally {
			try {
				generator.close();
			}
			catch (RuntimeException ex) {
				// it wrote nothing that counts
			}
		}
		for (int i = 0; i < count; i++) {
			events.pollFirst();
		}
		return count;
	}

	private boolean write(JsonGenerator generator, Event event) {
		try {
			writeEvent(generator, event);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Estimate how many events fill a body, from the size of the latest ones.
	 * @param maxEvents the most events in a body
	 * @param maxBytes the largest body
	 * @return the estimate, at least 1
	 */
	int eventsPerBody(int maxEvents, int maxBytes) {
		return Math.max(1, Math.min(maxEvents, maxBytes / this.bytesPerEvent));
	}

	/**
	 * Return the buffer holding the latest body, from index 0.
	 * @return the buffer
	 */
	byte[] body() {
		return this.buffer.bytes;
	}

	/**
	 * Return the length of the latest body.
	 * @return the length in bytes
	 */
	int size() {
		return this.buffer.size;
	}

	/**
	 * Write the body of a bucket creation request.
	 * @param bucket the bucket
	 * @return {@code {"bucketKey": ..., "bucketName": ...}}
	 */
	byte[] bucketBody(Bucket bucket) {
		Buffer out = this.buffer;
		out.reset();
		try (JsonGenerator generator = this.factory.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.writeStartObject();
			generator.writeStringProperty("bucketKey", bucket.key());
			generator.writeStringProperty("bucketName", bucket.name());
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	private void writeEvent(JsonGenerator generator, Event event) {
		generator.writeStartObject();
		generator.writeName(KEY);
		writeKey(generator, event.key);
		generator.writeName(VALUE);
		writeValue(generator, event.value);
		generator.writeName(EPOCH);
		generator.writeNumber(this.epochChars, 0, epochChars(event.epochMicros));
		generator.writeEndObject();
	}

	private void writeKey(JsonGenerator generator, String key) {
		SerializableString encoded = this.keys.get(key);
		if (encoded == null) {
			if (this.keys.size() >= MAX_CACHED_KEYS) {
				this.keys.clear();
			}
			encoded = new SerializedString(key);
			try {
				encoded.asQuotedUTF8();
			}
			catch (IllegalArgumentException ex) {
				// a lone surrogate: the pre-encoded form refuses it, writeString escapes
				// it
				encoded = UNCACHEABLE;
			}
			this.keys.put(key, encoded);
		}
		if (encoded == UNCACHEABLE) {
			generator.writeString(key);
		}
		else {
			generator.writeString(encoded);
		}
	}

	/**
	 * Write a time into {@code epochChars} as {@link #epochText(long, char[])} does,
	 * reusing the seconds written for the previous event when they are the same.
	 * @return the number of characters
	 */
	private int epochChars(long epochMicros) {
		long second = Math.floorDiv(epochMicros, 1_000_000L);
		if (second != this.epochSecond) {
			this.epochSecondLength = epochText(second * 1_000_000L, this.epochChars) - MICROS_DIGITS;
			this.epochSecond = second;
		}
		int fraction = (int) Math.floorMod(epochMicros, 1_000_000L);
		char[] chars = this.epochChars;
		int end = this.epochSecondLength + MICROS_DIGITS;
		for (int i = end - 1; i >= this.epochSecondLength; i--) {
			chars[i] = (char) ('0' + fraction % 10);
			fraction /= 10;
		}
		return end;
	}

	private static void writeValue(JsonGenerator generator, Object value) {
		if (value instanceof String string) {
			generator.writeString(string);
		}
		else if (value instanceof Boolean bool) {
			generator.writeBoolean(bool);
		}
		else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			generator.writeNumber(((Number) value).intValue());
		}
		else if (value instanceof Long number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Double number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Float number) {
			generator.writeNumber(number);
		}
		else if (value instanceof BigInteger number) {
			generator.writeNumber(number);
		}
		else if (value instanceof BigDecimal number) {
			generator.writeNumber(number);
		}
		else {
			generator.writeString(value.toString());
		}
	}

	/**
	 * Write microseconds since 1970 as plain decimal seconds with six fraction digits.
	 * @param epochMicros the time
	 * @return the decimal text
	 */
	static String epochText(long epochMicros) {
		char[] chars = new char[32];
		return new String(chars, 0, epochText(epochMicros, chars));
	}

	/**
	 * Write microseconds since 1970 as plain decimal seconds with six fraction digits,
	 * never with an exponent, without allocating.
	 * @param epochMicros the time
	 * @param chars where to write
	 * @return the number of characters written
	 */
	static int epochText(long epochMicros, char[] chars) {
		long seconds = Math.floorDiv(epochMicros, 1_000_000L);
		long fraction = Math.floorMod(epochMicros, 1_000_000L);
		int end = chars.length;
		int position = end;
		for (int i = 0; i < MICROS_DIGITS; i++) {
			chars[--position] = (char) ('0' + fraction % 10);
			fraction /= 10;
		}
		chars[--position] = '.';
		do {
			chars[--position] = (char) ('0' + seconds % 10);
			seconds /= 10;
		}
		while (seconds > 0);
		int length = end - position;
		System.arraycopy(chars, position, chars, 0, length);
		return length;
	}

	/**
	 * A byte buffer that can be cut back to an earlier size.
	 */
	static final class Buffer extends OutputStream {

		private byte[] bytes = new byte[64 * 1024];

		private int size;

		@Override
		public void write(int b) {
			ensure(1);
			this.bytes[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] source, int offset, int length) {
			ensure(length);
			System.arraycopy(source, offset, this.bytes, this.size, length);
			this.size += length;
		}

		int size() {
			return this.size;
		}

		void truncate(int size) {
			this.size = size;
		}

		void reset() {
			this.size = 0;
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

		private void ensure(int extra) {
			if (this.size + extra > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + extra));
			}
		}

	}

}
