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
 * A {@link Streamer} whose background work (its threads, its HTTP client and the lock on
 * its spool directory) its owner starts and stops, as Spring's lifecycle does. Events
 * logged while it is stopped wait in memory, within the usual bound, and go out once it
 * starts; {@link #close()} ends it for good.
 *
 * @see StreamerBuilder#buildStopped()
 */
public interface ManagedStreamer extends Streamer {

	/**
	 * Take the threads and the spool, and start sending. Calling it while running does
	 * nothing.
	 * @throws IllegalStateException if the streamer is closed, or its sender failed
	 */
	void start();

	/**
	 * Deliver what is logged within the close timeout, keep the rest in the spool, and
	 * release the threads, the HTTP client and the spool. It can be started again.
	 * Calling it while stopped does nothing.
	 */
	void stop();

	/**
	 * Whether the streamer is started.
	 * @return whether it runs
	 */
	boolean isRunning();

}
