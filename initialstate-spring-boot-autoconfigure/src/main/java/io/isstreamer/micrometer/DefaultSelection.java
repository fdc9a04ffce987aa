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

/**
 * The series exported by default: about a dozen that tell whether an application is
 * healthy, each one key per application instance however many pools, collectors or URIs
 * it has. With the default one-minute step they use at most 580,320 of the 3,000,000
 * events a month of the smallest plans, and far fewer in practice since unchanged values
 * are not sent again until the refresh interval.
 * <table>
 * <caption>The default selection</caption>
 * <tr>
 * <th>key</th>
 * <th>what it shows</th>
 * </tr>
 * <tr>
 * <td>{@code jvm.memory.used[area=heap]}</td>
 * <td>heap in use, bytes, all pools</td>
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
 * <td>{@code process.uptime}</td>
 * <td>time since start, ms</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:count}</td>
 * <td>requests served in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:mean}</td>
 * <td>mean latency in the last step, ms</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:max}</td>
 * <td>longest request lately, ms</td>
 * </tr>
 * <tr>
 * <td>{@code http.server.requests:count[outcome=SERVER_ERROR]}</td>
 * <td>requests answered with 5xx in the last step</td>
 * </tr>
 * <tr>
 * <td>{@code logback.events[level=error]}</td>
 * <td>ERROR log lines in the last step</td>
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
	public static final List<Rollup> SERIES = List.of(
			new Rollup("jvm.memory.used", null, Map.of("area", "heap"), Set.of("id")),
			new Rollup("jvm.memory.used", null, Map.of("area", "nonheap"), Set.of("id")),
			new Rollup("jvm.gc.pause", MeterReadings.SUM, Map.of(), GC_PAUSE_TAGS),
			new Rollup("jvm.gc.pause", MeterReadings.MAX, Map.of(), GC_PAUSE_TAGS),
			new Rollup("jvm.threads.live", null, Map.of(), Set.of()),
			new Rollup("process.cpu.usage", null, Map.of(), Set.of()),
			new Rollup("system.cpu.usage", null, Map.of(), Set.of()),
			new Rollup("process.uptime", null, Map.of(), Set.of()),
			new Rollup("http.server.requests", MeterReadings.COUNT, Map.of(), HTTP_REQUEST_TAGS),
			new Rollup("http.server.requests", MeterReadings.MEAN, Map.of(), HTTP_REQUEST_TAGS),
			new Rollup("http.server.requests", MeterReadings.MAX, Map.of(), HTTP_REQUEST_TAGS),
			new Rollup("http.server.requests", MeterReadings.COUNT, Map.of("outcome", "SERVER_ERROR"),
					HTTP_REQUEST_TAGS_BUT_OUTCOME),
			new Rollup("logback.events", null, Map.of("level", "error"), Set.of()));

	private DefaultSelection() {
	}

}
