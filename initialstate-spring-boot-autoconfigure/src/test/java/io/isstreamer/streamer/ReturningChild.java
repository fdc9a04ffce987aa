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

package io.isstreamer.streamer;

import java.net.URI;

/**
 * A plain Java program as a user would write it: it builds a streamer, logs numbered
 * events and returns from {@code main} without closing it. Says {@code RETURNING} on
 * standard output just before it returns.
 * <p>
 * Arguments: {@code <api base> <events> <shutdown hook: true|false>}.
 */
public final class ReturningChild {

	private ReturningChild() {
	}

	public static void main(String[] args) {
		Streamer streamer = Streamer.builder()
			.accessKey("returning-child")
			.apiBase(URI.create(args[0]))
			.bucketKey("returning-child")
			.spoolEnabled(false)
			.shutdownHook(Boolean.parseBoolean(args[2]))
			.build();
		int events = Integer.parseInt(args[1]);
		for (int i = 0; i < events; i++) {
			streamer.log("k", i);
		}
		System.out.println("RETURNING");
		System.out.flush();
	}

}
