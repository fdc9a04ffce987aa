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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * What both endpoints of the local receiver check, in the service's order: the method,
 * the access key ({@code 401} when absent, {@code 403} when wrong), the content type
 * ({@code 415}) and the body size ({@code 413} above 1 MB); invalid requests are answered
 * {@code 400} with a JSON message.
 */
abstract class ApiHandler implements HttpHandler {

	/**
	 * Largest request body accepted, in bytes.
	 */
	static final int MAX_BODY_BYTES = 1_000_000;

	private final String accessKey;

	private final AnswerCounts answers;

	ApiHandler(String accessKey, AnswerCounts answers) {
		this.accessKey = accessKey;
		this.answers = answers;
	}

	@Override
	public final void handle(HttpExchange exchange) throws IOException {
		try {
			byte[] body = readBody(exchange.getRequestBody());
			Answer answer = check(exchange, body);
			if (answer == null) {
				try {
					answer = answer(exchange, body);
				}
				catch (InvalidRequestException ex) {
					answer = Answer.error(400, ex.getMessage());
				}
			}
			write(exchange, decorate(exchange, answer));
		}
		finally {
			exchange.close();
		}
	}

	/**
	 * Answer a request that passed the common checks.
	 * @param exchange the exchange
	 * @param body the request body, at most {@link #MAX_BODY_BYTES}
	 * @return the answer
	 * @throws InvalidRequestException for {@code 400 Bad Request}
	 */
	protected abstract Answer answer(HttpExchange exchange, byte[] body);

	/**
	 * Check a request before the common checks; the events endpoint takes its rate-limit
	 * turn here.
	 * @param exchange the exchange
	 * @return an answer that ends the request, or {@code null} to go on
	 */
	protected @Nullable Answer admit(HttpExchange exchange) {
		return null;
	}

	/**
	 * Add headers to every answer.
	 * @param exchange the exchange
	 * @param answer the answer
	 * @return the answer
	 */
	protected Answer decorate(HttpExchange exchange, Answer answer) {
		return answer;
	}

	private @Nullable Answer check(HttpExchange exchange, byte[] body) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return Answer.error(405, "Only POST is supported").header("Allow", "POST");
		}
		Answer admission = admit(exchange);
		if (admission != null) {
			return admission;
		}
		String accessKey = exchange.getRequestHeaders().getFirst("X-IS-AccessKey");
		if (accessKey == null || accessKey.isBlank()) {
			return Answer.error(401, "The X-IS-AccessKey header is missing");
		}
		if (!accessKey.equals(this.accessKey)) {
			return Answer.error(403, "The access key is not valid");
		}
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			return Answer.error(415, "The Content-Type must be application/json");
		}
		if (body.length > MAX_BODY_BYTES) {
			return Answer.error(413, "The body is larger than " + MAX_BODY_BYTES + " bytes");
		}
		return null;
	}

	/**
	 * Read the body, keeping at most one byte more than allowed and discarding the rest,
	 * so that the connection can serve the next request.
	 */
	private static byte[] readBody(InputStream in) throws IOException {
		byte[] kept = in.readNBytes(MAX_BODY_BYTES + 1);
		in.transferTo(OutputStream.nullOutputStream());
		return kept;
	}

	private void write(HttpExchange exchange, Answer answer) throws IOException {
		this.answers.count(answer.status());
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		if (answer.body() == null) {
			exchange.sendResponseHeaders(answer.status(), -1);
			return;
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
