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

import io.isstreamer.streamer.ManagedStreamer;
import io.isstreamer.streamer.Streamer;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the application's {@link Streamer} with the application context and stops it
 * late in the context's shutdown: a {@link ManagedStreamer} takes its threads and spool
 * in {@link #start()} and releases them in {@link #stop()}, so the context can be stopped
 * and started again; any other streamer is closed on stop.
 * <p>
 * While the context closes, it first publishes the {@code ContextClosedEvent}, on which
 * Spring Boot closes the meter registries with a final publish, then stops the lifecycle
 * beans from the highest phase to the lowest: the web server's graceful shutdown, the web
 * server, then Spring-managed executors and schedulers waiting for their tasks. All of
 * them may still log events, so the streamer is stopped at {@link #PHASE}, below every
 * phase that Spring Framework and Spring Boot use, within its close timeout: what cannot
 * be delivered in time stays in the spool. Events logged later, from a
 * {@code @PreDestroy} method for example, wait in memory and are delivered or spooled
 * when the streamer bean is closed.
 */
public final class StreamerLifecycle implements SmartLifecycle {

	/**
	 * The phase in which the streamer is stopped: below every phase that Spring Framework
	 * and Spring Boot use (none is negative), with room left below it for beans that must
	 * outlive the streamer.
	 */
	public static final int PHASE = Integer.MIN_VALUE / 2;

	private final Streamer streamer;

	private volatile boolean running;

	/**
	 * Create a lifecycle for a streamer.
	 * @param streamer the streamer to start and stop with the context
	 */
	public StreamerLifecycle(Streamer streamer) {
		this.streamer = streamer;
	}

	@Override
	public void start() {
		if (this.streamer instanceof ManagedStreamer managed) {
			managed.start();
		}
		this.running = true;
	}

	/**
	 * Stop the streamer, waiting at most its close timeout for delivery; a streamer that
	 * cannot be started again is closed.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.streamer instanceof ManagedStreamer managed) {
			managed.stop();
		}
		else {
			this.streamer.close();
		}
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
	 * A streamer that can start again follows the context when it pauses; any other is
	 * left running, since stopping closes it for good.
	 * @return whether the streamer can be started again
	 */
	@Override
	public boolean isPauseable() {
		return this.streamer instanceof ManagedStreamer;
	}

}
