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

package io.isstreamer.autoconfigure.test;

import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.memory.InMemoryStreamer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a test whose context has no auto-configuration of its own, as in a sliced test,
 * {@link AutoConfigureInitialState} imports the Initial State auto-configurations.
 */
@SpringJUnitConfig(AutoConfigureInitialStateSliceTests.Plain.class)
@TestPropertySource(properties = { "initialstate.offline=true", "initialstate.bucket-key=slice",
		"initialstate.offline-file=target/slice-test.csv" })
@AutoConfigureInitialState
class AutoConfigureInitialStateSliceTests {

	@Autowired
	private Streamer streamer;

	@Test
	void importsTheAutoConfiguredStreamer() {
		assertThat(this.streamer).isNotInstanceOf(InMemoryStreamer.class);
		assertThat(this.streamer.stats().bucketKey()).isEqualTo("slice");
	}

	@Configuration(proxyBeanMethods = false)
	static class Plain {

	}

}
