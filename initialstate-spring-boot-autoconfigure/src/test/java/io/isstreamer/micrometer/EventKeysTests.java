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

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventKeys}.
 */
class EventKeysTests {

	private final EventKeys keys = new EventKeys("");

	@Test
	void keyOfAMeterWithOneValueIsItsName() {
		assertThat(this.keys.key("jvm.threads.live", null, Tags.empty())).isEqualTo("jvm.threads.live");
	}

	@Test
	void statisticFollowsTheNameAfterAColon() {
		assertThat(this.keys.key("http.server.requests", "max", Tags.empty())).isEqualTo("http.server.requests:max");
	}

	@Test
	void tagsFollowInBracketsSortedByKey() {
		assertThat(this.keys.key("http.server.requests", "count",
				List.of(Tag.of("uri", "/orders"), Tag.of("instance", "web-1"), Tag.of("method", "GET"))))
			.isEqualTo("http.server.requests:count[instance=web-1,method=GET,uri=/orders]");
	}

	@Test
	void prefixComesFirstWithADot() {
		assertThat(new EventKeys("shop").key("jvm.memory.used", null, Tags.of("area", "heap")))
			.isEqualTo("shop.jvm.memory.used[area=heap]");
	}

	@Test
	void keepsKeysOfAHundredCharacters() {
		String name = "a".repeat(100);
		assertThat(this.keys.key(name, null, Tags.empty())).isEqualTo(name);
	}

	@Test
	void shortensLongerKeysToAHundredCharactersEndingWithAHash() {
		String name = "app." + "b".repeat(200);
		String key = this.keys.key(name, null, Tags.empty());
		assertThat(key).hasSize(EventKeys.MAX_LENGTH)
			.startsWith(name.substring(0, EventKeys.KEEP_LENGTH))
			.matches(".{91}~[0-9a-f]{8}");
		assertThat(this.keys.key(name, null, Tags.empty())).as("stable").isEqualTo(key);
	}

	@Test
	void shortenedKeysStayUnique() {
		String uri = "/" + "x".repeat(150);
		String one = this.keys.key("http.server.requests", "count", Tags.of("uri", uri + "/one"));
		String two = this.keys.key("http.server.requests", "count", Tags.of("uri", uri + "/two"));
		assertThat(one).hasSize(100);
		assertThat(two).hasSize(100);
		assertThat(one).isNotEqualTo(two);
		assertThat(one.substring(0, EventKeys.KEEP_LENGTH)).isEqualTo(two.substring(0, EventKeys.KEEP_LENGTH));
	}

	@Test
	void hashIsTheStartOfTheSha256OfTheWholeKey() {
		// python3 -c "import
		// hashlib;print(hashlib.sha256(('k'*101).encode()).hexdigest()[:8])"
		String key = "k".repeat(101);
		assertThat(EventKeys.shorten(key)).isEqualTo("k".repeat(91) + "~" + "dec651a2");
	}

	@Test
	void shortensTheReadmeExample() {
		Tags tags = Tags.of("error", "none", "exception", "none", "method", "GET", "outcome", "SUCCESS", "status",
				"200", "uri", "/api/orders/{id}");
		assertThat(this.keys.key("http.server.requests", "count", tags))
			.isEqualTo("http.server.requests:count[error=none,exception=none,method=GET,outcome=SUCCESS,status=200,"
					+ "~55d74c2a");
	}

	@Test
	void neverSplitsACharacterInTwo() {
		String key = "a".repeat(90) + "\uD83D\uDE00" + "b".repeat(20);
		String shortened = EventKeys.shorten(key);
		assertThat(shortened).hasSize(99).startsWith("a".repeat(90) + "~");
	}

}
