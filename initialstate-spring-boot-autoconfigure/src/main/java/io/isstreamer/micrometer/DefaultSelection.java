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
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The series exported by default: about fifteen that an operator looks at first, each one
 * key per application instance however many pools, collectors or URIs it has. The README
 * gives the reason for each.
 * <table>
 * <caption>The default selection</caption>
 * <tr>
 * <th>key</th>
 * <th>what it shows</th>
 * </tr>
 * <tr>
 * <td>{@code jvm.memory.used[area=heap]}</td>
 * <td>heap in use, bytes, all pools; changes at every step</td>
 * </tr>
 * <tr>
 * <td>{@code jvm.memory.max[area=heap]}</td>
 * <td>the most heap the JVM may use, bytes; sent once, then when it changes</td>
 * </tr>
 * <tr>
 * <td>{@code jvm.memory.used[area=nonheap]}</td>
 * <td>non-heap in use, bytes</td>
 * </tr>
 * <tr>
 * <td>{@code jvm.gc.pause:sum}</td>
 * <td>time paused for GC in the last step, ms</td>
 * </tr>
 * <tr>
 * <td>{@code jvm.gc.pause:max}</td>
 * <td>longest GC pause lately, ms</td>
 * </tr>
 * <tr>
 * <td>{@code jvm.threads.live}</td>
 * <td>live threads</td>
 * </tr>
 * <tr>
 * <td>{@code process.cpu.usage}</td>
 * <td>CPU used by the JVM, 0 to 1</td>
 * </tr>
 * <tr>
 * <td>{@code system.cpu.usage}</td>
 * <td>CPU used by the machine, 0 to 1</td>
 * </tr>
 * <tr>
 * <td>{@code process.start.time}</td>
 * <td>when the JVM started, ms since 1970; sent once</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:count}</td>
 * <td>requests served in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:mean}</td>
 * <td>mean request latency in the last step, ms</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:max}</td>
 * <td>longest request lately, ms</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:count[outcome=SERVER_ERROR]}</td>
 * <td>5xx answers in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:count[outcome=CLIENT_ERROR]}</td>
 * <td>4xx answers in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code logback.events[level=error]}</td>
 * <td>ERROR log lines in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code hikaricp.connections.active}</td>
 * <td>connections in use, all pools; only with a Hikari pool</td>
 * </tr>
 * <tr>
 * <td>{@code hikaricp.connections.pending}</td>
 * <td>threads waiting for a connection; only with a Hikari pool</td>
 * </tr>
 * </table>
 */
public final class DefaultSelection {

	private static final Set<String> HTTP_REQUEST_TAGS = Set.of("error", "exception", "method", "outcome", "status",
			"uri");

	private static final Set<String> HTTP_REQUEST_TAGS_BUT_OUTCOME = Set.of("error", "exception", "method", "status",
			"uri");

	private static final Set<String> GC_PAUSE_TAGS = Set.of("action", "cause", "gc");

	/**
	 * The series of the default selection.
	 */
	public static final List<Rollup> SERIES = List.of(changing("jvm.memory.used", Map.of("area", "heap"), Set.of("id")),
			new Rollup("jvm.memory.max", null, Map.of("area", "heap"), Set.of("id"), SendRule.CONSTANT, false, true),
			changing("jvm.memory.used", Map.of("area", "nonheap"), Set.of("id")),
			count("jvm.gc.pause", MeterReadings.SUM, Map.of(), GC_PAUSE_TAGS),
			gauge("jvm.gc.pause", MeterReadings.MAX, GC_PAUSE_TAGS, true),
			gauge("jvm.threads.live", null, Set.of(), true), changing("process.cpu.usage", Map.of(), Set.of()),
			changing("system.cpu.usage", Map.of(), Set.of()),
			new Rollup("process.start.time", null, Map.of(), Set.of(), SendRule.CONSTANT, false, true),
			count("http.server.requests", MeterReadings.COUNT, Map.of(), HTTP_REQUEST_TAGS),
			gauge("http.server.requests", MeterReadings.MEAN, HTTP_REQUEST_TAGS, true),
			gauge("http.server.requests", MeterReadings.MAX, HTTP_REQUEST_TAGS, true),
			count("http.server.requests", MeterReadings.COUNT, Map.of("outcome", "SERVER_ERROR"),
					HTTP_REQUEST_TAGS_BUT_OUTCOME),
			count("http.server.requests", MeterReadings.COUNT, Map.of("outcome", "CLIENT_ERROR"),
					HTTP_REQUEST_TAGS_BUT_OUTCOME),
			count("logback.events", null, Map.of("level", "error"), Set.of()),
			gauge("hikaricp.connections.active", null, Set.of("pool"), false),
			gauge("hikaricp.connections.pending", null, Set.of("pool"), false));

	/**
	 * Names of meters whose value is known to change at every step: when they are
	 * included in full, the monthly projection counts their series as sent at every step
	 * until it has measured an hour. The rolled-up series say it themselves
	 * ({@link Rollup#changesEveryStep()}).
	 */
	public static final Set<String> CHANGING_EVERY_STEP = Set.of("process.cpu.usage", "system.cpu.usage",
			"process.cpu.time", "system.load.average.1m");

	private DefaultSelection() {
	}

	private static Rollup changing(String name, Map<String, String> where, Set<String> summedOver) {
		return new Rollup(name, null, where, summedOver, SendRule.GAUGE, true, true);
	}

	private static Rollup gauge(String name, @Nullable String statistic, Set<String> summedOver, boolean expected) {
		return new Rollup(name, statistic, Map.of(), summedOver, SendRule.GAUGE, false, expected);
	}

	private static Rollup count(String name, @Nullable String statistic, Map<String, String> where,
			Set<String> summedOver) {
		return new Rollup(name, statistic, where, summedOver, SendRule.COUNT, false, true);
	}

}
