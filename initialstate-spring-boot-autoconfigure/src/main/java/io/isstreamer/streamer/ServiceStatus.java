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
 * What the sender knows about the service, from its latest answers.
 */
public enum ServiceStatus {

	/**
	 * The latest request succeeded, or none was needed yet.
	 */
	OK,

	/**
	 * Requests are failing (5xx, timeouts, connection errors) and being retried.
	 */
	RETRYING,

	/**
	 * The service asked to wait longer than a flush interval (HTTP 429 with a long
	 * {@code Retry-After}); events go to the spool and are sent once the wait is over.
	 */
	RATE_LIMITED,

	/**
	 * Retries were used up; events go to the spool and the service is probed until it
	 * answers again.
	 */
	UNREACHABLE,

	/**
	 * The service rejected the access key (HTTP 401 or 403); events go to the spool and
	 * the key is probed again every few minutes.
	 */
	KEY_REJECTED,

	/**
	 * The account's monthly event quota is used up (HTTP 402); events go to the spool and
	 * the service is probed again every few minutes.
	 */
	QUOTA_EXCEEDED,

	/**
	 * The service refuses requests as invalid (HTTP 400) whatever events they carry, for
	 * example an API version it no longer serves; events go to the spool and the service
	 * is probed again every few minutes.
	 */
	REQUESTS_REFUSED,

	/**
	 * The streamer's sender stopped on an error it cannot go on after; events are
	 * refused, and those it held are in the spool or counted as dropped. Terminal.
	 */
	FAILED,

	/**
	 * The streamer writes a local CSV file and never calls the service.
	 */
	OFFLINE;

	/**
	 * Whether the service takes no events in this state, so that they go to the spool and
	 * only a probe is sent now and then.
	 * @return whether delivery is held up
	 */
	public boolean isBlocked() {
		return this == RATE_LIMITED || this == UNREACHABLE || this == KEY_REJECTED || this == QUOTA_EXCEEDED
				|| this == REQUESTS_REFUSED || this == FAILED;
	}

}
