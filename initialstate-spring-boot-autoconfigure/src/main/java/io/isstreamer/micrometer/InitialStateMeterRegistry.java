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

package io.isstreamer.micrometer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.util.MeterPartition;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StepMeterRegistry} that publishes meters as Initial State events through a
 * {@link Streamer}, so metrics and the application's own events share one pacing gate and
 * one spool.
 * <p>
 * Initial State plans are capped at a few million events a month, and a Boot application
 * has well over a hundred meter series, so the registry is frugal by default: it exports
 * the {@link DefaultSelection default selection} of about a dozen series (plus what the
 * {@code include} patterns name, less what the {@code exclude} patterns name), sends a
 * value only when it changed or the refresh interval has passed, and projects its monthly
 * use against a {@link QuotaProjection budget}. Every value of one publish carries the
 * same timestamp; keys follow {@link EventKeys}; times are in milliseconds.
 */
public class InitialStateMeterRegistry extends StepMeterRegistry implements QuotaProjection.Source {

	private static final ThreadFactory DEFAULT_THREAD_FACTORY = new NamedThreadFactory(
			"initialstate-metrics-publisher");

	private static final Logger logger = LoggerFactory.getLogger(InitialStateMeterRegistry.class);

	private final InitialStateConfig config;

	private final Streamer streamer;

	private final SeriesCollector collector;

	private final ChangedValues changes;

	private final AtomicBoolean projectionReported = new AtomicBoolean();

	private final AtomicBoolean overBudgetWarned = new AtomicBoolean();

	private volatile @Nullable QuotaProjection projection;

	/**
	 * Create a registry and start publishing.
	 * @param config the configuration
	 * @param clock the clock
	 * @param streamer the streamer that sends the events
	 */
	public InitialStateMeterRegistry(InitialStateConfig config, Clock clock, Streamer streamer) {
		this(config, clock, streamer, DEFAULT_THREAD_FACTORY);
	}

	private InitialStateMeterRegistry(InitialStateConfig config, Clock clock, Streamer streamer,
			ThreadFactory threadFactory) {
		super(config, clock);
		config().namingConvention(new InitialStateNamingConvention());
		this.config = config;
		this.streamer = streamer;
		this.collector = new SeriesCollector(new SeriesSelection(config), new EventKeys(config.keyPrefix()),
				getBaseTimeUnit());
		this.changes = new ChangedValues(config.refreshInterval(), config.step());
		start(threadFactory);
	}

	@Override
	protected void publish() {
		SeriesCollector.Collected collected = collect();
		long now = this.clock.wallTime();
		double epochSeconds = now / 1000.0;
		Map<String, Double> values = this.changes.select(collected.values(), now);
		int sent = 0;
		try {
			for (Map.Entry<String, Double> value : values.entrySet()) {
				if (this.streamer.log(value.getKey(), value.getValue(), epochSeconds)) {
					this.changes.sent(value.getKey(), value.getValue());
					sent++;
				}
			}
		}
		catch (RuntimeException ex) {
			// a strict streamer throws what a lenient one counts and warns about
			logger.warn("Failed to log metrics to Initial State: {}", ex.getMessage());
		}
		logger.debug("Logged {} of {} metric values to Initial State ({} unchanged since last sent)", sent,
				values.size(), collected.values().size() - values.size());
		project(collected);
	}

	/**
	 * Read every meter into the values of the selected series, a batch at a time so that
	 * a failing meter spoils only its batch.
	 */
	private SeriesCollector.Collected collect() {
		SeriesCollector.Pass pass = this.collector.start(config().namingConvention());
		for (List<Meter> batch : MeterPartition.partition(this, this.config.batchSize())) {
			try {
				batch.forEach(pass::add);
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to read a batch of {} meters for Initial State", batch.size(), ex);
			}
		}
		return pass.finish();
	}

	private QuotaProjection projectionOf(SeriesCollector.Collected collected) {
		QuotaProjection projection = QuotaProjection.of(collected.expectedSeries(), this.config.step(),
				this.config.refreshInterval(), this.config.monthlyBudget());
		this.projection = projection;
		return projection;
	}

	private void project(SeriesCollector.Collected collected) {
		QuotaProjection projection = projectionOf(collected);
		if (this.projectionReported.compareAndSet(false, true)) {
			report(projection);
		}
		else if (!projection.withinBudget() && this.overBudgetWarned.compareAndSet(false, true)) {
			report(projection); // more series appeared since startup
		}
	}

	/**
	 * Log the projection of the monthly event use once, at INFO, or at WARN when it is
	 * over the budget; nothing is logged when publishing is disabled. Called once the
	 * application has started, when the meters are bound; otherwise the first publish
	 * does it.
	 * @return the projection
	 */
	public QuotaProjection reportQuotaProjection() {
		QuotaProjection projection = projectionOf(collect());
		if (this.config.enabled() && this.projectionReported.compareAndSet(false, true)) {
			report(projection);
		}
		return projection;
	}

	private void report(QuotaProjection projection) {
		if (projection.withinBudget()) {
			Duration refresh = (projection.refreshInterval().compareTo(projection.step()) > 0)
					? projection.refreshInterval() : projection.step();
			logger.info("Initial State metrics: {}; unchanged values are sent again every {}", projection,
					QuotaProjection.format(refresh));
			return;
		}
		this.overBudgetWarned.set(true);
		logger.warn("Initial State metrics: {}: over the budget. Lengthen the step, export fewer series "
				+ "(include, exclude), or raise the monthly budget if your plan allows more", projection);
	}

	/**
	 * Return the latest projection of the monthly event use.
	 * @return the projection measured at the latest publish, or now if none happened yet
	 */
	@Override
	public QuotaProjection quotaProjection() {
		QuotaProjection projection = this.projection;
		if (projection != null) {
			return projection;
		}
		return projectionOf(collect());
	}

	@Override
	protected TimeUnit getBaseTimeUnit() {
		return TimeUnit.MILLISECONDS;
	}

	/**
	 * Start building a registry.
	 * @param config the configuration
	 * @return a builder
	 */
	public static Builder builder(InitialStateConfig config) {
		return new Builder(config);
	}

	/**
	 * Builds an {@link InitialStateMeterRegistry}.
	 */
	public static class Builder {

		private final InitialStateConfig config;

		private Clock clock = Clock.SYSTEM;

		private ThreadFactory threadFactory = DEFAULT_THREAD_FACTORY;

		private @Nullable Streamer streamer;

		Builder(InitialStateConfig config) {
			this.config = config;
		}

		/**
		 * Set the clock (default {@link Clock#SYSTEM}).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Set the factory of the publishing thread.
		 * @param threadFactory the thread factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = threadFactory;
			return this;
		}

		/**
		 * Set the streamer that sends the events. Required.
		 * @param streamer the streamer
		 * @return this builder
		 */
		public Builder streamer(Streamer streamer) {
			this.streamer = streamer;
			return this;
		}

		/**
		 * Build the registry and start publishing.
		 * @return the registry
		 * @throws IllegalStateException if no streamer was given
		 */
		public InitialStateMeterRegistry build() {
			if (this.streamer == null) {
				throw new IllegalStateException("A Streamer is required to publish metrics to Initial State");
			}
			return new InitialStateMeterRegistry(this.config, this.clock, this.streamer, this.threadFactory);
		}

	}

}
