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

package io.isstreamer.sample.receiver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local receiver's answers, counted by HTTP status.
 */
final class AnswerCounts {

	private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();

	void count(int status) {
		this.counts.computeIfAbsent(status, (key) -> new LongAdder()).increment();
	}

	Map<Integer, Long> snapshot() {
		Map<Integer, Long> snapshot = new TreeMap<>();
		this.counts.forEach((status, count) -> snapshot.put(status, count.sum()));
		return snapshot;
	}

}
