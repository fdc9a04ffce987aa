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

package io.isstreamer.sample.dashboard;

import io.isstreamer.sample.receiver.LocalReceiver;
import io.isstreamer.streamer.Streamer;
import io.isstreamer.streamer.StreamerStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says on the console, once the application is ready, where its events go and where to
 * look at them.
 */
@Component
public class ModeBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ModeBanner.class);

	private final Streamer streamer;

	private final ObjectProvider<LocalReceiver> receiver;

	/**
	 * Create the banner.
	 * @param streamer the streamer, for its bucket
	 * @param receiver the local receiver, when there is one
	 */
	public ModeBanner(Streamer streamer, ObjectProvider<LocalReceiver> receiver) {
		this.streamer = streamer;
		this.receiver = receiver;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String dashboard = "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/";
		StreamerStats stats = this.streamer.stats();
		String bucket = "bucket '" + stats.bucketName() + "' (key " + stats.bucketKey() + ")";
		LocalReceiver receiver = this.receiver.getIfAvailable();
		String message;
		if (receiver != null) {
			message = """
					LOCAL mode: no INITIALSTATE_ACCESS_KEY is set, so events and metrics go to the local \
					receiver at %s (in memory, nothing leaves this machine), %s.
					  Open the dashboard:   %s
					  Stream to Initial State instead: stop, then run again with INITIALSTATE_ACCESS_KEY=<your key>"""
				.formatted(receiver.baseUri(), bucket, dashboard);
		}
		else if (environment.getProperty("initialstate.offline", Boolean.class, false)) {
			message = """
					OFFLINE mode: events are appended to %s, not sent.
					  Open the dashboard (the streamer's figures): %s"""
				.formatted(environment.getProperty("initialstate.offline-file", "isstreamer_out.csv"), dashboard);
		}
		else {
			message = """
					INITIAL STATE mode: events and metrics stream to %s, %s.
					  See them at https://app.initialstate.com (sign in, open the bucket '%s')
					  The local dashboard shows the streamer's figures: %s""".formatted(
					environment.getProperty("initialstate.api-base", "https://groker.init.st"), bucket,
					stats.bucketName(), dashboard);
		}
		logger.info("\n\n  " + message.replace("\n", "\n  ") + "\n");
	}

}
