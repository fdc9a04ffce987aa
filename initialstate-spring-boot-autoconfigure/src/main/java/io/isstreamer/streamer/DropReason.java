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

/**
 * Why an accepted event was given up. Every drop is counted in
 * {@link StreamerStats#droppedByReason()} and warned about.
 */
public enum DropReason {

	/**
	 * The in-memory queue was full because the sender could not keep up.
	 */
	QUEUE_FULL("the in-memory queue was full"),

	/**
	 * The spool reached its size limit and its oldest file was removed.
	 */
	SPOOL_FULL("the spool reached its size limit and its oldest file was removed"),

	/**
	 * The spool could not be written (disabled, not writable, disk full) while memory was
	 * full, or while closing.
	 */
	SPOOL_UNAVAILABLE("the spool could not be written while memory was full"),

	/**
	 * A spool line was torn or unreadable (for example after a crash in mid-write).
	 */
	SPOOL_CORRUPT("a spool line was torn or unreadable"),

	/**
	 * The service refused the event itself as invalid (HTTP 400).
	 */
	REFUSED_BY_SERVICE("the service refused the event as invalid"),

	/**
	 * The event alone was larger than the service accepts in one request (HTTP 413).
	 */
	TOO_LARGE("the event alone was larger than the service accepts"),

	/**
	 * The event could not be written as JSON (a safety net: the rules checked when it was
	 * logged should make this impossible).
	 */
	UNENCODABLE("the event could not be written as JSON"),

	/**
	 * The event reached the queue in the instant the streamer closed, after its last look
	 * at the queue.
	 */
	STREAMER_CLOSED("the event was logged in the instant the streamer closed"),

	/**
	 * The sender stopped on an error it cannot go on after, and the spool could not take
	 * the event.
	 */
	SENDER_FAILED("the sender stopped on an error and the spool could not take the event");

	private final String description;

	DropReason(String description) {
		this.description = description;
	}

	/**
	 * Return why the events were given up, in words.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
