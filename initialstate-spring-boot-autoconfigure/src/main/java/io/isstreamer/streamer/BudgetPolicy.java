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

/**
 * What a streamer does when its projected monthly use passes its monthly event budget.
 *
 * @see StreamerBuilder#monthlyEventBudget(long)
 */
public enum BudgetPolicy {

	/**
	 * Send everything, and warn which keys send the most.
	 */
	WARN,

	/**
	 * While the projection is over the budget, give each key a fair share of the budget
	 * as a time slot and send only its latest value in each slot, stamped with its own
	 * time; keys logged more slowly than their slot are never touched. The values not
	 * sent are counted as coalesced.
	 */
	COALESCE

}
