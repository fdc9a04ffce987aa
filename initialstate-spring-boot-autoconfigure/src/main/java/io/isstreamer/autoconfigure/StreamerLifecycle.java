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

package io.isstreamer.autoconfigure;

import io.isstreamer.streamer.Streamer;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the application's {@link Streamer} when the application context stops, late
 * enough that events logged during shutdown still get out, and within the streamer's
 * close timeout: what cannot be delivered in time stays in the spool.
 * <p>
 * While the context closes, it first publishes the {@code ContextClosedEvent}, on which
 * Spring Boot closes the meter registries with a final publish, then stops the lifecycle
 * beans from the highest phase to the lowest: the web server's graceful shutdown, the web
 * server, then Spring-managed executors and schedulers waiting for their tasks. All of
 * them may still log events, so the streamer is closed at {@link #PHASE}, below every
 * phase that Spring Framework and Spring Boot use. Events logged later, from a
 * {@code @PreDestroy} method for example, are refused and counted.
 */
public final class StreamerLifecycle implements SmartLifecycle {

	/**
	 * The phase in which the streamer is closed: below every phase that Spring Framework
	 * and Spring Boot use (none is negative), with room left below it for beans that must
	 * outlive the streamer.
	 */
	public static final int PHASE = Integer.MIN_VALUE / 2;

	private final Streamer streamer;

	private volatile boolean running;

	/**
	 * Create a lifecycle for a streamer.
	 * @param streamer the streamer to close when the context stops
	 */
	public StreamerLifecycle(Streamer streamer) {
		this.streamer = streamer;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Flush and close the streamer, waiting at most its close timeout for delivery.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.streamer.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * A closed streamer cannot be restarted, so pausing the context leaves it running.
	 * @return {@code false}
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
