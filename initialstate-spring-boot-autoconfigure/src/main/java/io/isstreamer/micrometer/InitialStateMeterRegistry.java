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

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.isstreamer.streamer.Streamer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
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
 * the {@link DefaultSelection default selection} of about fifteen series (plus what the
 * {@code include} patterns name, less what the {@code exclude} patterns name), and sends
 * each value by its {@link SendRule}: counts at every step that has any, gauge-like
 * values when they changed or the refresh interval has passed. It projects its monthly
 * use against a {@link QuotaProjection budget} and counts what it sent this month. Every
 * value of one publish carries the same timestamp; keys follow {@link EventKeys}; times
 * are in milliseconds.
 */
public class InitialStateMeterRegistry extends StepMeterRegistry implements QuotaProjection.Source {

	private static final ThreadFactory DEFAULT_THREAD_FACTORY = new NamedThreadFactory(
			"initialstate-metrics-publisher");

	private static final Logger logger = LoggerFactory.getLogger(InitialStateMeterRegistry.class);

	private final InitialStateConfig config;

	private final Streamer streamer;

	private final Set<Meter.Id> withPercentiles = ConcurrentHashMap.newKeySet();

	private final SeriesCollector collector;

	private final SendMemory memory;

	private final Projector projector;

	private final AtomicBoolean projectionReported = new AtomicBoolean();

	private final AtomicBoolean overBudgetWarned = new AtomicBoolean();

	private volatile @Nullable QuotaProjection projection;

	private volatile boolean closing;

	private final boolean reportAtFirstPublish;

	private long lastPublishedStep = Long.MIN_VALUE;

	/**
	 * Create a registry and start publishing.
	 * @param config the configuration
	 * @param clock the clock
	 * @param streamer the streamer that sends the events
	 */
	public InitialStateMeterRegistry(InitialStateConfig config, Clock clock, Streamer streamer) {
		this(config, clock, streamer, DEFAULT_THREAD_FACTORY, true);
	}

	private InitialStateMeterRegistry(InitialStateConfig config, Clock clock, Streamer streamer,
			ThreadFactory threadFactory, boolean reportAtFirstPublish) {
		super(config, clock);
		this.reportAtFirstPublish = reportAtFirstPublish;
		config().namingConvention(new InitialStateNamingConvention());
		config().onMeterRemoved((meter) -> this.withPercentiles.remove(meter.getId()));
		this.config = config;
		this.streamer = streamer;
		this.collector = new SeriesCollector(new SeriesSelection(config), new EventKeys(config.keyPrefix()),
				getBaseTimeUnit(), this::publishesPercentiles);
		this.memory = new SendMemory(config.refreshInterval(), config.step());
		this.projector = new Projector(config, this.memory, new MonthlyUsage(clock.wallTime()),
				streamer.stats().monthlyEventBudget());
		start(threadFactory);
	}

	@Override
	protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
			PauseDetector pauseDetector) {
		notePercentiles(id, distributionStatisticConfig);
		return super.newTimer(id, distributionStatisticConfig, pauseDetector);
	}

	@Override
	protected DistributionSummary newDistributionSummary(Meter.Id id,
			DistributionStatisticConfig distributionStatisticConfig, double scale) {
		notePercentiles(id, distributionStatisticConfig);
		return super.newDistributionSummary(id, distributionStatisticConfig, scale);
	}

	/**
	 * Remember which meters publish percentiles: only theirs are worth a histogram
	 * snapshot at each step.
	 */
	private void notePercentiles(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig) {
		if (distributionStatisticConfig.isPublishingPercentiles()) {
			this.withPercentiles.add(id);
		}
	}

	/**
	 * Return whether a meter was registered with percentiles to publish.
	 * @param meter a meter of this registry
	 * @return whether it is a timer or distribution summary with percentiles
	 */
	boolean publishesPercentiles(Meter meter) {
		return this.withPercentiles.contains(meter.getId());
	}

	@Override
	protected void publish() {
		long now = this.clock.wallTime();
		if (alreadyPublished(now)) {
			return;
		}
		SeriesCollector.Collected collected = collect();
		double epochSeconds = now / 1000.0;
		List<SeriesValue> values = this.memory.select(collected.values(), now);
		int sent = 0;
		try {
			for (SeriesValue value : values) {
				if (this.streamer.log(value.key(), value.value(), epochSeconds)) {
					this.memory.sent(value);
					sent++;
				}
			}
		}
		catch (RuntimeException ex) {
			// a strict streamer throws what a lenient one counts and warns about
			logger.warn("Failed to log metrics to Initial State: {}", ex.getMessage());
		}
		finally {
			this.memory.stepDone();
			this.projector.sent(now, sent);
		}
		logger.debug("Logged {} of {} metric values to Initial State ({} not due)", sent, values.size(),
				collected.values().size() - values.size());
		project(collected);
	}

	/**
	 * Return whether the last completed step was published already. A scheduled publish
	 * that ran late, past the next step's start, read that step's values; the next one
	 * would read them again and send every count twice. The publishes of {@link #close()}
	 * are never skipped: the second one sends the partial last step.
	 */
	private synchronized boolean alreadyPublished(long nowMillis) {
		long step = nowMillis / this.config.step().toMillis();
		if (step == this.lastPublishedStep && !this.closing) {
			logger.debug("Skipped a second publish of the same step to Initial State");
			return true;
		}
		this.lastPublishedStep = step;
		return false;
	}

	@Override
	public void close() {
		this.closing = true;
		super.close();
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
		QuotaProjection projection = this.projector.project(collected, this.clock.wallTime());
		this.projection = projection;
		return projection;
	}

	private void project(SeriesCollector.Collected collected) {
		QuotaProjection projection = projectionOf(collected);
		if (this.reportAtFirstPublish && this.projectionReported.compareAndSet(false, true)) {
			report(projection);
		}
		else if (this.projectionReported.get() && !projection.withinBudget()
				&& this.overBudgetWarned.compareAndSet(false, true)) {
			report(projection); // more series appeared since startup
		}
	}

	/**
	 * Log the projection of the monthly event use once, at INFO, or at WARN when it is
	 * over the budget; nothing is logged when publishing is disabled. Called once the
	 * application's meters are bound; unless the registry was built to
	 * {@linkplain Builder#deferProjectionReport() wait for this call}, the first publish
	 * does it if it comes first.
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
			logger.info("Initial State metrics: {}. {}.", projection, projection.drivers());
			return;
		}
		this.overBudgetWarned.set(true);
		logger.warn(
				"Initial State metrics: {}: over the budget. {}. Lengthen the step, export fewer series "
						+ "(include, exclude), or raise the monthly budget if your plan allows more",
				projection, projection.drivers());
	}

	/**
	 * Return the latest projection of the monthly event use, with what was sent this
	 * month so far. This is the registry's share of the account's monthly quota, for
	 * anything that budgets the whole of it.
	 * @return the projection measured at the latest publish (or now, if none happened
	 * yet), and this month's events up to now
	 */
	@Override
	public QuotaProjection quotaProjection() {
		QuotaProjection projection = this.projection;
		if (projection == null) {
			return projectionOf(collect());
		}
		return projection.withThisMonth(this.projector.thisMonth(this.clock.wallTime()));
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

		private boolean reportAtFirstPublish = true;

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
		 * Leave the projection's startup line to
		 * {@link InitialStateMeterRegistry#reportQuotaProjection()}, for an application
		 * that binds its meters after the registry starts (Spring Boot does, and the
		 * first publish of a short step can come before): the line then counts them.
		 * @return this builder
		 */
		public Builder deferProjectionReport() {
			this.reportAtFirstPublish = false;
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
			return new InitialStateMeterRegistry(this.config, this.clock, this.streamer, this.threadFactory,
					this.reportAtFirstPublish);
		}

	}

}
