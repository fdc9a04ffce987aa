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

package io.isstreamer.streamer.internal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.isstreamer.streamer.ServiceStatus;
import io.isstreamer.streamer.spool.Spool;
import io.isstreamer.streamer.transport.HttpTransport;
import io.isstreamer.streamer.transport.Transport;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.jspecify.annotations.Nullable;

/**
 * One run of a streamer's background work, from {@code start()} to {@code stop()}: the
 * spool (opened, with its lock, before the start returns), the HTTP transport the
 * streamer owns, and the sender thread with its request threads. Stopping asks the sender
 * to deliver what it can before a deadline and spool the rest, then waits for it, even
 * when interrupted, long enough for the spool to be written and released.
 */
final class Engine {

	/**
	 * Time allowed, past the deadline, to write what is left to the spool.
	 */
	private static final long SPOOL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final SenderLoop loop;

	private final Thread thread;

	private final @Nullable Transport ownTransport;

	private final @Nullable Path spoolDirectory;

	private Engine(SenderLoop loop, Thread thread, @Nullable Transport ownTransport, @Nullable Path spoolDirectory) {
		this.loop = loop;
		this.thread = thread;
		this.ownTransport = ownTransport;
		this.spoolDirectory = spoolDirectory;
	}

	/**
	 * Open the spool, make the transport and start the sender thread.
	 * @param config the options
	 * @param queue the queue the sender drains
	 * @param ledger the books
	 * @param memoryBudget events the sender may hold in memory
	 * @param instance the streamer's number, for thread names
	 * @param failed told on the sender thread as soon as it stops on an error
	 * @param ended told on the sender thread when it ends
	 * @return the running engine
	 */
	static Engine start(StreamerConfig config, MpscVarHandleArrayQueue<Event> queue, Ledger ledger,
			MonthlyProjection projection, long memoryBudget, int instance, Runnable failed, Consumer<Engine> ended) {
		Transport transport = config.transport();
		Transport ownTransport = null;
		if (transport == null && !config.offline()) {
			ownTransport = new HttpTransport(
					new HttpTransport.Settings(config.apiBase(), config.accessKey(), config.apiVersion(),
							config.connectTimeout(), config.readTimeout(), config.proxy(), config.sslContext()));
			transport = ownTransport;
		}
		Spooler spooler = Spooler.open(config, ledger);
		Spool spool = spooler.spool();
		String name = "initialstate-sender-" + instance;
		SenderLoop loop = new SenderLoop(config, queue, ledger, projection, transport, spooler, name, memoryBudget,
				failed);
		Engine[] engine = new Engine[1];
		Thread thread = new Thread(() -> {
			try {
				loop.run();
			}
			finally {
				engine[0].closeTransport();
				ended.accept(engine[0]);
			}
		}, name);
		thread.setDaemon(true);
		engine[0] = new Engine(loop, thread, ownTransport, (spool != null) ? spool.directory() : null);
		loop.started(thread);
		thread.start();
		return engine[0];
	}

	void eventAdded() {
		this.loop.eventAdded();
	}

	CompletableFuture<Boolean> flush() {
		return this.loop.flush();
	}

	void retryNow() {
		this.loop.retryNow();
	}

	ServiceStatus status() {
		return this.loop.status();
	}

	long spoolBytes() {
		return this.loop.spooler().sizeBytes();
	}

	int buckets() {
		return this.loop.buckets();
	}

	@Nullable Path spoolDirectory() {
		return this.spoolDirectory;
	}

	/**
	 * Deliver what can be delivered before a deadline, spool the rest, and end the
	 * threads. Interrupting the caller hurries it: the sender spools at once, and the
	 * caller still waits for that, then keeps its interrupt.
	 * @param deadlineNanos the deadline
	 */
	/**
	 * Return whether the sender is done with the queue: from then on another thread may
	 * take what is left in it.
	 * @return whether the sender finished
	 */
	boolean isFinished() {
		return this.loop.isFinished();
	}

	void stop(long deadlineNanos) {
		this.loop.requestStop(deadlineNanos);
		boolean interrupted = false;
		long waitUntil = deadlineNanos + SPOOL_GRACE_NANOS;
		while (this.thread.isAlive()) {
			long left = waitUntil - System.nanoTime();
			if (left <= 0) {
				break;
			}
			try {
				this.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
			}
			catch (InterruptedException ex) {
				if (!interrupted) {
					interrupted = true;
					// no more delivery: spool what is left and release everything
					this.loop.requestStop(System.nanoTime());
					waitUntil = System.nanoTime() + SPOOL_GRACE_NANOS;
				}
			}
		}
		if (this.thread.isAlive()) {
			// stuck in a call that ignores interrupts: at least free the HTTP client
			closeTransport();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void closeTransport() {
		Transport transport = this.ownTransport;
		if (transport != null) {
			transport.close();
		}
	}

}
