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

import io.isstreamer.streamer.StreamerBuilder;

/**
 * Callback that adjusts the {@link StreamerBuilder} of the auto-configured
 * {@link io.isstreamer.streamer.Streamer} after the {@code initialstate.*} properties
 * were applied to it and before it is built. Customizers run in their
 * {@link org.springframework.core.annotation.Order @Order}.
 * <p>
 * The builder already holds the {@link io.isstreamer.streamer.transport.Transport} bean,
 * which was built from the {@code initialstate.api-base}, {@code initialstate.http.*} and
 * access key properties; changing those options on the builder does not change that
 * transport. Define your own {@code Transport} bean instead, or call
 * {@code builder.transport(null)} to let the streamer build its HTTP client from the
 * builder's options.
 */
@FunctionalInterface
public interface StreamerCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, with the properties applied
	 */
	void customize(StreamerBuilder builder);

}
