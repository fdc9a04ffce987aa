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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.tck.MeterRegistryCompatibilityKit;

/**
 * Micrometer's own compatibility kit, run against {@link InitialStateMeterRegistry}.
 */
class InitialStateMeterRegistryCompatibilityTests extends MeterRegistryCompatibilityKit {

	private final InitialStateConfig config = new InitialStateConfig() {

		@Override
		public boolean enabled() {
			return false;
		}

		@Override
		public String get(String key) {
			return null;
		}

	};

	@Override
	public MeterRegistry registry() {
		return InitialStateMeterRegistry.builder(this.config)
			.clock(new MockClock())
			.streamer(new RecordingStreamer())
			.build();
	}

	@Override
	public Duration step() {
		return this.config.step();
	}

}
