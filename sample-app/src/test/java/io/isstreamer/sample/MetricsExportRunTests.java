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

package io.isstreamer.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.isstreamer.micrometer.InitialStateMeterRegistry;
import io.isstreamer.micrometer.QuotaProjection;
import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.sample.receiver.ReceivedEvents.Point;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample run with a 2-second metrics step against its local receiver while requests
 * arrive steadily (4 a second, some 404s and 500s): {@code http.server.requests:count}
 * arrives for every step that served requests, the counts add up to the requests served,
 * and the metric events of the run, as a month's worth, fall inside the range the
 * projection prints at startup. Gauge-like values keep the starter's 10-minute refresh
 * (the sample's local mode would send them at every step).
 * <p>
 * The build runs {@value #DEFAULT_STEPS} steps; the README's figures come from a minute:
 * {@code ./mvnw -B -pl sample-app -am test -Dtest=MetricsExportRunTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsample.metrics-run.steps=30}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetricsExportRunTests {

	static final int DEFAULT_STEPS = 6;

	private static final long STEP_MILLIS = 2_000;

	/**
	 * A request that ends this close to the edge of a step may be counted in either step.
	 */
	private static final long EDGE_MILLIS = 150;

	private static final String COUNT_KEY = "http.server.requests:count";

	private static final Set<String> OWN_KEYS = Set.of("sensor_temperature", "sensor_humidity", "sensor_comfort",
			"orders_placed");

	private final ConcurrentLinkedQueue<Long> requestsEnded = new ConcurrentLinkedQueue<>();

	@Test
	void countsArriveForEveryStepThatServedRequestsAndTheMonthlyPaceFallsInTheProjectedRange(@TempDir Path spool,
			CapturedOutput output) throws Exception {
		int steps = Integer.getInteger("sample.metrics-run.steps", DEFAULT_STEPS);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.initializers(
					(application) -> application.getBeanFactory().registerSingleton("requestEndLog", requestEndLog()))
			.run("--server.port=0", "--initialstate.spool.directory=" + spool, "--sample.traffic.enabled=false",
					"--management.initialstate.metrics.export.step=2s",
					"--management.initialstate.metrics.export.refresh-interval=10m");
		LocalReceiver receiver = context.getBean(LocalReceiver.class);
		InitialStateMeterRegistry registry = context.getBean(InitialStateMeterRegistry.class);
		QuotaProjection printed = registry.quotaProjection();
		if (output.getAll().contains("Initial State metrics: ")) {
			// unless the log level hides it, the startup line printed that very range
			assertThat(output).containsOnlyOnce("Initial State metrics: " + printed + ". ");
		}
		String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
		long firstStep = System.currentTimeMillis() / STEP_MILLIS + 1;
		long lastStep = firstStep + steps - 1;
		try {
			traffic.scheduleAtFixedRate(steadyRequests(base), 0, 250, TimeUnit.MILLISECONDS);
			// the values of the last step are published in the step after it
			await().atMost(Duration.ofMillis((steps + 2) * STEP_MILLIS).plusSeconds(30))
				.until(() -> metricPoints(receiver).values()
					.stream()
					.flatMap(List::stream)
					.anyMatch((point) -> stepOf(point) > lastStep));
		}
		finally {
			traffic.shutdown();
			assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		QuotaProjection atTheEnd = registry.quotaProjection();
		// closing publishes twice, stamped now: keep that out of the steps measured
		await().atMost(Duration.ofMillis(3 * STEP_MILLIS))
			.until(() -> System.currentTimeMillis() / STEP_MILLIS >= lastStep + 2);
		context.close();

		Map<String, List<Point>> metrics = metricPoints(receiver);
		List<Point> counts = metrics.get(COUNT_KEY);
		Map<Long, Double> countByStep = new TreeMap<>();
		counts.stream()
			.filter((point) -> stepOf(point) >= firstStep && stepOf(point) <= lastStep)
			.forEach((point) -> assertThat(countByStep.put(stepOf(point), (Double) point.value()))
				.as("one count per step")
				.isNull());
		Map<Long, Long> servedByStep = this.requestsEnded.stream()
			.filter((ended) -> ended % STEP_MILLIS >= EDGE_MILLIS && ended % STEP_MILLIS < STEP_MILLIS - EDGE_MILLIS)
			.collect(Collectors.groupingBy((ended) -> ended / STEP_MILLIS, TreeMap::new, Collectors.counting()));
		long servedSteps = 0;
		for (long step = firstStep; step <= lastStep; step++) {
			if (servedByStep.containsKey(step)) {
				servedSteps++;
				assertThat(countByStep.get(step)).as("requests counted in step %d", step)
					.isNotNull()
					.isGreaterThanOrEqualTo(servedByStep.get(step).doubleValue());
			}
		}
		assertThat(servedSteps).as("steps that served requests").isEqualTo(steps);
		assertThat(counts.stream().mapToDouble((point) -> (Double) point.value()).sum())
			.as("the counts add up to the requests served")
			.isEqualTo((double) this.requestsEnded.size());

		long inWindow = metrics.values()
			.stream()
			.flatMap(List::stream)
			.filter((point) -> stepOf(point) >= firstStep && stepOf(point) <= lastStep)
			.count();
		long perMonth = Math.round((double) inWindow * QuotaProjection.MONTH.toMillis() / (steps * STEP_MILLIS));
		assertThat(atTheEnd.step()).isEqualTo(Duration.ofMillis(STEP_MILLIS));
		assertThat(atTheEnd.minEventsPerMonth()).isEqualTo(printed.minEventsPerMonth());
		assertThat(atTheEnd.maxEventsPerMonth()).isEqualTo(printed.maxEventsPerMonth());
		assertThat(perMonth).as("metric events of %d steps as a month's worth", steps)
			.isBetween(printed.minEventsPerMonth(), printed.maxEventsPerMonth());
		long received = metrics.values().stream().mapToLong(List::size).sum();
		QuotaProjection.MonthToDate thisMonth = registry.quotaProjection().thisMonth();
		assertThat(thisMonth).isNotNull();
		assertThat(thisMonth.events()).as("what the registry counted as sent").isEqualTo(received);
		System.out.printf(Locale.ROOT,
				"Metrics export run: %d steps of 2s, %d requests; %s in %d of %d steps that "
						+ "served requests; %,d metric events in those steps = %,d a month; projected %s; "
						+ "this month so far: %,d events, %,d a month at that pace%n",
				steps, this.requestsEnded.size(), COUNT_KEY, countByStep.size(), servedSteps, inWindow, perMonth,
				printed, thisMonth.events(), thisMonth.eventsPerMonth());
	}

	/**
	 * Notes when each request ends, outside the filter that records
	 * {@code http.server.requests}.
	 */
	private FilterRegistrationBean<Filter> requestEndLog() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.requestsEnded.add(System.currentTimeMillis());
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private static Runnable steadyRequests(String base) {
		HttpClient client = HttpClient.newHttpClient();
		AtomicInteger sent = new AtomicInteger();
		return () -> {
			int request = sent.incrementAndGet();
			String path = (request % 5 == 0) ? "/api/nowhere" : (request % 7 == 0) ? "/api/flaky" : "/api/greeting";
			try {
				client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
						HttpResponse.BodyHandlers.discarding());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	private static Map<String, List<Point>> metricPoints(LocalReceiver receiver) {
		return receiver.events()
			.read(LocalModeTestSupport.BUCKET, 0)
			.streams()
			.entrySet()
			.stream()
			.filter((stream) -> !OWN_KEYS.contains(stream.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Return the step whose values a point carries: the registry publishes a step's
	 * values during the next one.
	 */
	private static long stepOf(Point point) {
		return (long) Math.floor(point.epoch() * 1000 / STEP_MILLIS) - 1;
	}

}
