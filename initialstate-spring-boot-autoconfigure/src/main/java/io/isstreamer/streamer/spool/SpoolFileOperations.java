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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file operations through which the spool creates and writes its files, all
 * owner-only where the file system has POSIX permissions. Tests override methods to make
 * them fail on demand (disk full, directory gone) without depending on the file system or
 * on not running as root.
 */
class SpoolFileOperations {

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private static final Set<OpenOption> NEW_SEGMENT = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

	private static final Set<OpenOption> REWRITE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING);

	private static final Set<OpenOption> LOCK = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

	private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.APPEND);

	void createDirectories(Path directory) throws IOException {
		if (isPosix(directory)) {
			Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
		}
		else {
			Files.createDirectories(directory);
		}
	}

	FileChannel openLockFile(Path path) throws IOException {
		return open(path, LOCK);
	}

	/**
	 * Open a file to append to, creating it owner-only if needed.
	 * @param path the file
	 * @return a channel that appends
	 * @throws IOException if it cannot be opened
	 */
	FileChannel openForAppend(Path path) throws IOException {
		return open(path, APPEND);
	}

	/**
	 * Create a new segment file for appending; never opens an existing file, so a torn
	 * tail left by a crash is never continued.
	 * @param path the segment file
	 * @return a channel positioned at 0
	 * @throws IOException if it cannot be created
	 */
	FileChannel createSegment(Path path) throws IOException {
		return open(path, NEW_SEGMENT);
	}

	/**
	 * Write some bytes at the channel's position, as
	 * {@link FileChannel#write(ByteBuffer[])}.
	 * @param channel the segment channel
	 * @param sources the bytes
	 * @return how many bytes were written
	 * @throws IOException if the write failed, possibly after writing part of the bytes
	 */
	long write(FileChannel channel, ByteBuffer[] sources) throws IOException {
		return channel.write(sources);
	}

	/**
	 * Replace a small file so that a reader sees the old or the new content, never a mix,
	 * even after a power loss: write a temporary file beside it, force it to disk, rename
	 * it over the target, and force the directory so that the rename lasts too.
	 * @param target the file
	 * @param content its new content
	 * @throws IOException if it could not be written
	 */
	void writeDurably(Path target, byte[] content) throws IOException {
		Path temp = target.resolveSibling(target.getFileName() + SpoolLayout.TEMP_SUFFIX);
		try (FileChannel channel = open(temp, REWRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		forceDirectory(target.getParent());
	}

	/**
	 * Force a directory's entries to disk. File systems that cannot open a directory
	 * (Windows) keep their entries durable on their own.
	 * @param directory the directory
	 */
	void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// nothing more can be done for it
		}
	}

	private FileChannel open(Path path, Set<OpenOption> options) throws IOException {
		return isPosix(path) ? FileChannel.open(path, options, OWNER_ONLY_FILE) : FileChannel.open(path, options);
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
