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

import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitialStateNamingConvention}.
 */
class InitialStateNamingConventionTests {

	private final InitialStateNamingConvention convention = new InitialStateNamingConvention();

	@Test
	void keepsDotNames() {
		assertThat(this.convention.name("jvm.memory.used", Meter.Type.GAUGE, "bytes")).isEqualTo("jvm.memory.used");
	}

	@Test
	void replacesKeyCharactersInNames() {
		assertThat(this.convention.name("odd:name[1],a=b", Meter.Type.GAUGE, null)).isEqualTo("odd_name_1__a_b");
	}

	@Test
	void replacesKeyCharactersInTagKeys() {
		assertThat(this.convention.tagKey("a:b[c],d=e")).isEqualTo("a_b_c__d_e");
	}

	@Test
	void replacesOnlyCommasAndClosingBracketsInTagValues() {
		assertThat(this.convention.tagValue("/items/{id}:[a=b],c")).isEqualTo("/items/{id}:[a=b__c");
	}

	@Test
	void replacesControlCharacters() {
		assertThat(this.convention.tagValue("line\nbreak\ttab")).isEqualTo("line_break_tab");
	}

}
