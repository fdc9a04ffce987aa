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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on what the spool leaves on disk.
 */
public final class SpoolFiles {

	private SpoolFiles() {
	}

	/**
	 * Assert that every file and directory under a spool directory is the owner's only,
	 * and that no file holds the access key.
	 * @param directory the spool directory
	 * @param accessKey the access key
	 */
	public static void assertOwnerOnlyAndFreeOf(Path directory, String accessKey) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		byte[] key = accessKey.getBytes(StandardCharsets.UTF_8);
		for (Path path : list(directory)) {
			if (path.equals(directory)) {
				continue;
			}
			try {
				String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
				assertThat(permissions).as("permissions of %s", path)
					.isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
				if (Files.isRegularFile(path)) {
					assertThat(indexOf(Files.readAllBytes(path), key)).as("the access key in %s", path).isNegative();
				}
			}
			catch (IOException ex) {
				// removed while we looked: the spool is still at work
			}
		}
	}

	private static List<Path> list(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
