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

package io.isstreamer.streamer.spool;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Names and small sidecar files of the spool directory. <pre>
 * spool.lock                      held (locked) while a Spool has the directory open
 * &lt;bucket-dir&gt;/bucket.json        {"bucketKey": ..., "bucketName": ...}
 * &lt;bucket-dir&gt;/&lt;sequence&gt;.jsonl   a segment: one JSON array of events per line
 * &lt;bucket-dir&gt;/&lt;sequence&gt;.ack     bytes of that segment already accepted by the service
 * </pre> A bucket directory is named from its key: the key's safe characters (for people
 * reading the directory) and a hash of the whole key (so that no two keys share a
 * directory, even on a case-insensitive file system). Sequence numbers are global across
 * buckets and only grow, so they give the write order of the segments.
 */
final class SpoolLayout {

	static final String LOCK_FILE = "spool.lock";

	static final String BUCKET_FILE = "bucket.json";

	static final String SEGMENT_SUFFIX = ".jsonl";

	static final String ACK_SUFFIX = ".ack";

	static final String TEMP_SUFFIX = ".tmp";

	private static final int SEQUENCE_DIGITS = 20;

	private static final int READABLE_KEY_CHARS = 48;

	private static final int HASH_BYTES = 16;

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private SpoolLayout() {
	}

	static String bucketDirectoryName(String bucketKey) {
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < bucketKey.length() && name.length() < READABLE_KEY_CHARS; i++) {
			char c = bucketKey.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| (c == '-' && i > 0);
			name.append(safe ? c : '_');
		}
		if (name.isEmpty()) {
			name.append("bucket");
		}
		return name.append('-').append(hash(bucketKey)).toString();
	}

	private static String hash(String bucketKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bucketKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

	static String segmentFileName(long sequence) {
		return String.format("%0" + SEQUENCE_DIGITS + "d", sequence) + SEGMENT_SUFFIX;
	}

	static String ackFileName(long sequence) {
		return String.format("%0" + SEQUENCE_DIGITS + "d", sequence) + ACK_SUFFIX;
	}

	/**
	 * Return the sequence number in the name of a segment or ack file.
	 * @param fileName the file name
	 * @param suffix {@link #SEGMENT_SUFFIX} or {@link #ACK_SUFFIX}
	 * @return the sequence number, or {@code -1} if the name is not one of ours
	 */
	static long sequence(String fileName, String suffix) {
		if (fileName.length() != SEQUENCE_DIGITS + suffix.length() || !fileName.endsWith(suffix)) {
			return -1;
		}
		long sequence = 0;
		for (int i = 0; i < SEQUENCE_DIGITS; i++) {
			char c = fileName.charAt(i);
			if (c < '0' || c > '9' || sequence > (Long.MAX_VALUE - 9) / 10) {
				return -1;
			}
			sequence = sequence * 10 + (c - '0');
		}
		return sequence;
	}

	static byte[] bucketFile(String bucketKey, String bucketName) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.writeStartObject();
			generator.writeStringProperty("bucketKey", bucketKey);
			generator.writeStringProperty("bucketName", bucketName);
			generator.writeEndObject();
		}
		out.write('\n');
		return out.toByteArray();
	}

	static @Nullable BucketIdentity readBucketFile(byte[] content) {
		String key = null;
		String name = null;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), content)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String property;
			while ((property = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				if (value == JsonToken.VALUE_STRING && "bucketKey".equals(property)) {
					key = parser.getString();
				}
				else if (value == JsonToken.VALUE_STRING && "bucketName".equals(property)) {
					name = parser.getString();
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			return null;
		}
		return (key != null && !key.isEmpty()) ? new BucketIdentity(key, (name != null) ? name : key) : null;
	}

	/**
	 * Write an ack file: the offset of the first line not delivered, then one line
	 * {@code start end} for each range delivered beyond it (claims delivered out of
	 * order), so that a restart replays none of them again.
	 * @param acknowledgedBytes the offset
	 * @param delivered the ranges delivered beyond it
	 * @return the content
	 */
	static byte[] ackFile(long acknowledgedBytes, Map<Long, Long> delivered) {
		StringBuilder content = new StringBuilder().append(acknowledgedBytes).append('\n');
		delivered.forEach((start, end) -> content.append(start).append(' ').append(end).append('\n'));
		return content.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Read an ack file. Range lines that cannot be read are left out: their lines are
	 * replayed again, which is safe.
	 * @param content its content
	 * @return what it records, or {@code null} if its first line is not an offset
	 */
	static @Nullable Acknowledged readAckFile(byte[] content) {
		String[] lines = new String(content, StandardCharsets.US_ASCII).strip().split("\n");
		long offset;
		try {
			offset = Long.parseLong(lines[0].strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
		if (offset < 0) {
			return null;
		}
		TreeMap<Long, Long> delivered = new TreeMap<>();
		for (int i = 1; i < lines.length; i++) {
			String[] range = lines[i].strip().split(" ");
			try {
				long start = Long.parseLong(range[0]);
				long end = (range.length == 2) ? Long.parseLong(range[1]) : -1;
				if (start > offset && end > start) {
					delivered.put(start, end);
				}
			}
			catch (NumberFormatException ex) {
				// left out
			}
		}
		return new Acknowledged(offset, delivered);
	}

	/**
	 * What an ack file records.
	 *
	 * @param offset the offset of the first line not delivered
	 * @param delivered ranges delivered beyond it, start to end
	 */
	record Acknowledged(long offset, TreeMap<Long, Long> delivered) {

	}

	/**
	 * The bucket a bucket directory belongs to.
	 *
	 * @param key the bucket key
	 * @param name the bucket name
	 */
	record BucketIdentity(String key, String name) {

	}

}
