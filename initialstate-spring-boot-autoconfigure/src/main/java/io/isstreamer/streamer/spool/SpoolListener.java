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

import io.isstreamer.streamer.DropReason;

/**
 * Told when events enter the spool's books other than by {@link Spool#append}, or leave
 * them other than by {@link Spool#acknowledge}, so that they are counted exactly once.
 * Called on the thread that called the spool.
 */
public interface SpoolListener {

	/**
	 * Events were found when the spool was opened, left by earlier runs. Reported once,
	 * at open, before any {@link #dropped} of those events (torn lines, a lowered size
	 * bound).
	 * @param events how many, readable or not
	 */
	default void recovered(long events) {
	}

	/**
	 * Events waiting in the spool were given up.
	 * @param bucketKey the bucket they belonged to
	 * @param events how many
	 * @param reason {@link DropReason#SPOOL_FULL} or {@link DropReason#SPOOL_CORRUPT}
	 */
	void dropped(String bucketKey, long events, DropReason reason);

}
