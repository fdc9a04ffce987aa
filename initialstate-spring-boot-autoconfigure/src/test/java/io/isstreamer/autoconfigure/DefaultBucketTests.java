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

package io.isstreamer.autoconfigure;

import io.isstreamer.streamer.EventRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultBucket}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultBucketTests {

	@Test
	void usesConfiguredKeyAndName() {
		assertThat(DefaultBucket.resolve("key", "Name", "app")).isEqualTo(new DefaultBucket("key", "Name"));
	}

	@Test
	void derivesKeyAndNameFromApplicationName() {
		assertThat(DefaultBucket.resolve(null, null, "order-service"))
			.isEqualTo(new DefaultBucket("order-service", "order-service"));
	}

	@Test
	void derivesKeyFromApplicationNameWhenOnlyNameIsSet() {
		assertThat(DefaultBucket.resolve(null, "Orders", "order-service"))
			.isEqualTo(new DefaultBucket("order-service", "Orders"));
	}

	@Test
	void derivesKeyFromBucketNameWithoutApplicationName() {
		assertThat(DefaultBucket.resolve(null, "Orders", null)).isEqualTo(new DefaultBucket("Orders", "Orders"));
	}

	@Test
	void replacesCharactersThatBucketKeysMayNotHold() {
		assertThat(DefaultBucket.keyFrom("  a:b\"c'd\té 😀 ")).isEqualTo("a-b-c-d-- -");
	}

	@Test
	void truncatesLongNames() {
		String name = "n".repeat(300);
		DefaultBucket bucket = DefaultBucket.resolve(null, null, name);
		assertThat(bucket.key()).hasSize(EventRules.MAX_BUCKET_KEY_LENGTH);
		assertThat(bucket.name()).hasSize(EventRules.MAX_BUCKET_NAME_LENGTH);
		assertThat(EventRules.bucketKeyProblem(bucket.key())).isNull();
	}

	@Test
	void usesRandomKeyAndWarnsWithoutAnyName(CapturedOutput output) {
		DefaultBucket first = DefaultBucket.resolve(null, null, " ");
		DefaultBucket second = DefaultBucket.resolve(null, null, null);
		assertThat(first.key()).isNotEqualTo(second.key()).hasSize(36);
		assertThat(first.name()).isNull();
		assertThat(output).contains("new random bucket (" + first.key() + ")",
				"Set spring.application.name or initialstate.bucket-key");
	}

}
