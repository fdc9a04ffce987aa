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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A bucket known to the spool: its identity, its directory, and the segment being
 * appended to now, if any.
 */
final class SpoolBucket {

	final String key;

	String name;

	final Path directory;

	@Nullable SpoolSegment active;

	/**
	 * Whether the bucket file in {@link #directory} was written with {@link #name} by
	 * this run.
	 */
	boolean bucketFileWritten;

	/**
	 * Where the latest line with events starts, or {@code null} if none was written.
	 */
	@Nullable SpoolPosition lastLine;

	/**
	 * Segments of this bucket tracked now.
	 */
	int segments;

	SpoolBucket(String key, String name, Path directory) {
		this.key = key;
		this.name = name;
		this.directory = directory;
	}

}
