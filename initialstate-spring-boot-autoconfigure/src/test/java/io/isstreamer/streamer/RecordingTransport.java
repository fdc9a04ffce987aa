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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.isstreamer.streamer.transport.Transport;
import io.isstreamer.streamer.transport.TransportRequest;
import io.isstreamer.streamer.transport.TransportResponse;

/**
 * A {@link Transport} for tests: records every request and answers as told (201 to bucket
 * creation and 204 to events by default).
 */
public class RecordingTransport implements Transport {

	private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();

	private volatile Function<TransportRequest, TransportResponse> answers = (request) -> TransportResponse
		.of((request.kind() == TransportRequest.Kind.CREATE_BUCKET) ? 201 : 204);

	public RecordingTransport answer(Function<TransportRequest, TransportResponse> answers) {
		this.answers = answers;
		return this;
	}

	@Override
	public TransportResponse send(TransportRequest request) throws IOException {
		this.requests.add(request);
		return this.answers.apply(request);
	}

	public List<TransportRequest> requests() {
		return new ArrayList<>(this.requests);
	}

	public List<TransportRequest> eventRequests() {
		return this.requests.stream().filter((request) -> request.kind() == TransportRequest.Kind.SEND_EVENTS).toList();
	}

	public List<SentEvent> events() {
		List<SentEvent> events = new ArrayList<>();
		for (TransportRequest request : eventRequests()) {
			events.addAll(SentEvent.parse(request.bucketKey(), request.body()));
		}
		return events;
	}

}
