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

package io.isstreamer.micrometer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.isstreamer.streamer.EventRules;
import io.micrometer.core.instrument.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The event key of a series: {@code [prefix.]name[:statistic][[tag=value,...]]}.
 * <ul>
 * <li>{@code name} is the meter name in {@link InitialStateNamingConvention dot style}.
 * <li>{@code :statistic} names the figure of a meter that has several (a timer's
 * {@code count}, {@code sum}, {@code mean}, {@code max}); it is left out for meters with
 * one value (gauges, counters).
 * <li>Tags, common tags included, follow in brackets, sorted by key: a common tag such as
 * {@code instance} keeps the series of several instances apart in one bucket.
 * </ul>
 * Examples: {@code jvm.threads.live}, {@code jvm.memory.used[area=heap]},
 * {@code http.server.requests:max[instance=web-1]}.
 * <p>
 * The naming convention keeps {@code : [ ] , =} out of names and tag keys and {@code , ]}
 * out of tag values, so a key always reads one way, and two series share a key only if
 * their names or tags differ in nothing but those characters. A key longer than
 * {@value #MAX_LENGTH} characters (the limit the events API documents) is cut to
 * {@value #KEEP_LENGTH} characters followed by {@code ~} and {@value #HASH_LENGTH} hex
 * digits of the SHA-256 of the whole key: stable from run to run and still unique.
 */
public final class EventKeys {

	/**
	 * Longest key generated.
	 */
	public static final int MAX_LENGTH = EventRules.DOCUMENTED_KEY_LENGTH;

	/**
	 * Hex digits of the hash that ends a shortened key.
	 */
	public static final int HASH_LENGTH = 8;

	/**
	 * Characters kept from a key that is too long, before {@code ~} and the hash.
	 */
	public static final int KEEP_LENGTH = MAX_LENGTH - 1 - HASH_LENGTH;

	private static final Comparator<Tag> BY_KEY = Comparator.comparing(Tag::getKey);

	private final String prefix;

	/**
	 * Create the key scheme.
	 * @param keyPrefix the text before every key (a dot is added), or empty for none
	 */
	public EventKeys(String keyPrefix) {
		this.prefix = keyPrefix.isEmpty() ? "" : keyPrefix + ".";
	}

	/**
	 * Return the key of a series.
	 * @param name the meter name, after the naming convention
	 * @param statistic the statistic, or {@code null} for a meter with one value
	 * @param tags the tags, after the naming convention
	 * @return the key, at most {@value #MAX_LENGTH} characters
	 */
	public String key(String name, @Nullable String statistic, Iterable<Tag> tags) {
		StringBuilder key = new StringBuilder(64).append(this.prefix).append(name);
		if (statistic != null) {
			key.append(':').append(statistic);
		}
		List<Tag> sorted = new ArrayList<>();
		tags.forEach(sorted::add);
		sorted.sort(BY_KEY);
		for (int i = 0; i < sorted.size(); i++) {
			Tag tag = sorted.get(i);
			key.append((i == 0) ? '[' : ',').append(tag.getKey()).append('=').append(tag.getValue());
		}
		if (!sorted.isEmpty()) {
			key.append(']');
		}
		return shorten(key.toString());
	}

	/**
	 * Shorten a key longer than {@value #MAX_LENGTH} characters to its first
	 * {@value #KEEP_LENGTH} characters, {@code ~} and a hash of the whole key.
	 * @param key the key
	 * @return the key itself when short enough, or its shortened form
	 */
	public static String shorten(String key) {
		if (key.length() <= MAX_LENGTH) {
			return key;
		}
		int keep = KEEP_LENGTH;
		if (Character.isHighSurrogate(key.charAt(keep - 1))) {
			keep--; // never split a character in two
		}
		return key.substring(0, keep) + "~" + hash(key);
	}

	private static String hash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, HASH_LENGTH / 2);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
