/*
 * The sample's live dashboard: asks /dashboard/data every two seconds for what is new
 * and draws one tile per stream, with uPlot charts for numbers.
 */
(function () {
	'use strict';

	const POLL_MILLIS = 2000;
	const MAX_POINTS = 600;

	// the default selection of the metrics export, in the README's order
	const METRICS = [
		['jvm.memory.used[area=heap]', 'Heap used'],
		['jvm.memory.max[area=heap]', 'Heap max'],
		['jvm.memory.used[area=nonheap]', 'Non-heap used'],
		['jvm.gc.pause:sum', 'GC pause, total'],
		['jvm.gc.pause:max', 'GC pause, longest'],
		['jvm.threads.live', 'Live threads'],
		['process.cpu.usage', 'Process CPU'],
		['system.cpu.usage', 'System CPU'],
		['process.start.time', 'Started'],
		['http.server.requests:count', 'HTTP requests'],
		['http.server.requests:mean', 'HTTP latency, mean'],
		['http.server.requests:max', 'HTTP latency, max'],
		['http.server.requests:count[outcome=SERVER_ERROR]', 'HTTP 5xx answers'],
		['http.server.requests:count[outcome=CLIENT_ERROR]', 'HTTP 4xx answers'],
		['logback.events[level=error]', 'ERROR log lines'],
		['hikaricp.connections.active', 'DB connections in use'],
		['hikaricp.connections.pending', 'DB connections awaited']
	];
	// the sample's own events
	const EVENTS = [
		['sensor_temperature', 'Temperature'],
		['sensor_humidity', 'Humidity'],
		['sensor_comfort', 'Comfort'],
		['orders_placed', 'Orders placed']
	];
	const NAMES = new Map(EVENTS.concat(METRICS));
	const ORDER = new Map(EVENTS.concat(METRICS).map((known, index) => [known[0], index]));

	const state = {
		bucket: null,
		sequence: 0,
		streams: new Map(),
		timer: null
	};

	const $ = (id) => document.getElementById(id);

	function isMetric(key) {
		return key.includes('.');
	}

	function number(value, digits) {
		return value.toLocaleString('en-US', { maximumFractionDigits: digits });
	}

	function duration(millis) {
		const seconds = Math.floor(millis / 1000);
		if (seconds < 60) {
			return seconds + 's';
		}
		const minutes = Math.floor(seconds / 60);
		if (minutes < 60) {
			return minutes + 'm ' + (seconds % 60) + 's';
		}
		return Math.floor(minutes / 60) + 'h ' + (minutes % 60) + 'm';
	}

	// how a value of a key reads: memory in MB, usage in percent, times in ms
	function format(key, value) {
		if (typeof value !== 'number') {
			return String(value);
		}
		if (key.startsWith('jvm.memory.')) {
			return number(value / 1048576, 1) + ' MB';
		}
		if (key.endsWith('cpu.usage')) {
			return number(value * 100, 1) + ' %';
		}
		if (key === 'process.start.time') {
			return new Date(value).toLocaleTimeString('en-GB');
		}
		if (key.startsWith('jvm.gc.pause') || /^http\.server\.requests:(mean|max)/.test(key)) {
			return number(value, value < 10 ? 2 : 0) + ' ms';
		}
		if (key === 'sensor_temperature') {
			return number(value, 2) + ' °C';
		}
		if (key === 'sensor_humidity') {
			return number(value, 2) + ' %';
		}
		return number(value, Number.isInteger(value) ? 0 : 2);
	}

	// axis labels: the unit of the tile, with as many decimals as the tick step needs
	function axisValues(key, values, step) {
		let factor = 1;
		let unit = '';
		if (key.startsWith('jvm.memory.')) {
			factor = 1 / 1048576;
			unit = 'M';
		}
		else if (key.endsWith('cpu.usage')) {
			factor = 100;
			unit = '%';
		}

		const digits = Math.min(3, Math.max(0, Math.ceil(-Math.log10(step * factor) - 1e-9)));
		return values.map((value) => number(value * factor, digits) + unit);
	}

	function age(epoch) {
		const seconds = Math.max(0, Math.round(Date.now() / 1000 - epoch));
		return seconds < 60 ? seconds + 's ago' : duration(seconds * 1000) + ' ago';
	}

	function plotValue(value) {
		if (typeof value === 'boolean') {
			return value ? 1 : 0;
		}
		return typeof value === 'number' ? value : null;
	}

	function createTile(key) {
		const tile = document.createElement('article');
		tile.className = 'tile ' + (isMetric(key) ? 'metrics' : 'events');
		tile.dataset.key = key;
		tile.dataset.points = '0';
		const name = NAMES.get(key) || key;
		tile.innerHTML = '<div class="tile-head"><span class="tile-name"></span><span class="tile-age"></span></div>'
			+ '<div class="tile-key"></div><div class="tile-value"></div><div class="tile-chart"></div>';
		tile.querySelector('.tile-name').textContent = name;
		tile.querySelector('.tile-key').textContent = key;
		tile.title = key;
		const container = isMetric(key) ? $('metrics') : $('events');
		const siblings = Array.from(container.children);
		const next = siblings.find((other) => compareKeys(key, other.dataset.key) < 0);
		container.insertBefore(tile, next || null);
		$(isMetric(key) ? 'metrics-title' : 'events-title').hidden = false;
		return tile;
	}

	function compareKeys(a, b) {
		const orderA = ORDER.has(a) ? ORDER.get(a) : ORDER.size;
		const orderB = ORDER.has(b) ? ORDER.get(b) : ORDER.size;
		return orderA !== orderB ? orderA - orderB : a.localeCompare(b);
	}

	function createChart(key, tile, stream) {
		const box = tile.querySelector('.tile-chart');
		const color = getComputedStyle(document.documentElement)
			.getPropertyValue(isMetric(key) ? '--metrics' : '--events').trim();
		const axis = {
			stroke: '#8a97a4',
			grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 },
			ticks: { show: false },
			font: '10px system-ui, sans-serif'
		};
		return new uPlot({
			width: Math.max(120, box.clientWidth),
			height: box.clientHeight,
			legend: { show: false },
			cursor: { show: false },
			scales: { x: { time: true } },
			axes: [
				Object.assign({}, axis, { size: 20, space: 50 }),
				Object.assign({}, axis, { size: 40, space: 22, values: (u, values, index, space, step) => axisValues(key, values, step) })
			],
			series: [{}, { stroke: color, width: 1.5, fill: color + '22', points: { show: false } }]
		}, [stream.xs, stream.ys], box);
	}

	function showHistory(key, tile, stream) {
		let list = tile.querySelector('.tile-history');
		if (!list) {
			tile.querySelector('.tile-chart').replaceWith(list = document.createElement('ul'));
			list.className = 'tile-history';
		}
		list.replaceChildren(...stream.recent.slice(-4).reverse().map((point) => {
			const item = document.createElement('li');
			item.innerHTML = '<span></span><span></span>';
			item.children[0].textContent = format(key, point[1]);
			item.children[1].textContent = new Date(point[0] * 1000).toLocaleTimeString();
			return item;
		}));
	}

	function merge(key, points) {
		let stream = state.streams.get(key);
		if (!stream) {
			stream = { xs: [], ys: [], recent: [], last: null, chart: null, tile: createTile(key) };
			state.streams.set(key, stream);
		}
		let sorted = true;
		for (const point of points) {
			const y = plotValue(point[1]);
			if (y !== null) {
				sorted = sorted && (stream.xs.length === 0 || stream.xs[stream.xs.length - 1] <= point[0]);
				stream.xs.push(point[0]);
				stream.ys.push(y);
			}
			stream.recent.push(point);
			if (!stream.last || stream.last[0] <= point[0]) {
				stream.last = point;
			}
		}
		if (!sorted) {
			const order = stream.xs.map((x, i) => i).sort((a, b) => stream.xs[a] - stream.xs[b]);
			stream.xs = order.map((i) => stream.xs[i]);
			stream.ys = order.map((i) => stream.ys[i]);
		}
		stream.xs.splice(0, Math.max(0, stream.xs.length - MAX_POINTS));
		stream.ys.splice(0, Math.max(0, stream.ys.length - MAX_POINTS));
		stream.recent.splice(0, Math.max(0, stream.recent.length - 10));
		draw(key, stream);
	}

	function draw(key, stream) {
		const tile = stream.tile;
		tile.querySelector('.tile-value').textContent = format(key, stream.last[1]);
		tile.classList.toggle('bad', key.includes('SERVER_ERROR') && stream.last[1] > 0);
		if (stream.xs.length === 0) {
			showHistory(key, tile, stream);
			return;
		}
		if (!stream.chart) {
			stream.chart = createChart(key, tile, stream);
		}
		else {
			stream.chart.setData([stream.xs, stream.ys]);
		}
		tile.dataset.points = String(stream.xs.length);
	}

	function reset(bucket) {
		state.bucket = bucket;
		state.sequence = 0;
		state.streams.forEach((stream) => stream.chart && stream.chart.destroy());
		state.streams.clear();
		$('events').replaceChildren();
		$('metrics').replaceChildren();
		$('events-title').hidden = true;
		$('metrics-title').hidden = true;
	}

	function showMode(data) {
		const mode = $('mode');
		mode.className = 'mode ' + data.mode;
		const notice = $('notice');
		notice.hidden = data.mode === 'local';
		if (data.mode === 'local') {
			mode.textContent = 'Local receiver at ' + data.receiver + ' · in memory, nothing leaves this machine';
		}
		else if (data.mode === 'offline') {
			mode.textContent = 'Offline · events go to a CSV file';
			notice.textContent = 'Offline mode: the streamer appends events to a local CSV file. '
				+ 'This page shows the streamer\'s own figures.';
		}
		else {
			mode.textContent = 'Streaming to Initial State · bucket ' + data.status.bucketName;
			notice.innerHTML = 'Your events and metrics are on Initial State: sign in at '
				+ '<a href="https://app.initialstate.com" target="_blank" rel="noopener">app.initialstate.com</a> '
				+ 'and open the bucket <b></b>. This page shows the streamer\'s own figures.';
			notice.querySelector('b').textContent = data.status.bucketName;
		}
	}

	function showStatus(data) {
		const status = data.status;
		$('delivered').textContent = number(status.delivered, 0);
		$('pending').textContent = number(status.pending, 0);
		$('spooled').textContent = number(status.spooled, 0);
		$('spooled').className = 'figure' + (status.spooled > 0 ? ' warn' : '');
		$('rate').textContent = number(status.requestsPerSecond, 2);
		$('service').textContent = status.serviceStatus;
		$('service').className = 'figure ' + (status.serviceStatus === 'OK' ? 'ok'
			: status.serviceStatus === 'RETRYING' || status.serviceStatus === 'OFFLINE' ? 'warn' : 'bad');
		$('service').title = status.lastError || '';
		const answers = Object.entries(data.answers);
		$('answers-label').textContent = data.mode === 'local' ? 'Receiver answers' : 'Requests sent';
		$('answers').textContent = data.mode === 'local'
			? (answers.length ? answers.map(([code, count]) => code + ' × ' + number(count, 0)).join(' · ') : 'none yet')
			: number(status.requests, 0);
	}

	function showBuckets(data) {
		const select = $('bucket');
		const buckets = data.buckets.slice();
		if (!buckets.some((bucket) => bucket.key === data.status.bucketKey)) {
			buckets.unshift({ key: data.status.bucketKey, name: data.status.bucketName, events: 0 });
		}
		const options = buckets.map((bucket) => {
			const option = document.createElement('option');
			option.value = bucket.key;
			option.textContent = bucket.name + (bucket.key === data.status.bucketKey ? ' (live)' : '')
				+ (data.mode === 'local' ? ' · ' + number(bucket.events, 0) + ' events' : '');
			return option;
		});
		if (select === document.activeElement) {
			return;
		}
		select.replaceChildren(...options);
		select.value = state.bucket || data.status.bucketKey;
	}

	function show(data) {
		if (data.bucket !== state.bucket || data.sequence < state.sequence) {
			reset(data.bucket);
		}
		showMode(data);
		showStatus(data);
		showBuckets(data);
		Object.entries(data.streams).forEach(([key, points]) => merge(key, points));
		state.streams.forEach((stream) => {
			stream.tile.querySelector('.tile-age').textContent = age(stream.last[0]);
		});
		state.sequence = data.sequence;
		document.body.dataset.sequence = String(data.sequence);
	}

	async function poll() {
		clearTimeout(state.timer);
		try {
			const query = new URLSearchParams({ after: String(state.sequence) });
			if (state.bucket) {
				query.set('bucket', state.bucket);
			}
			const response = await fetch('/dashboard/data?' + query);
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			show(await response.json());
		}
		catch (error) {
			$('mode').className = 'mode down';
			$('mode').textContent = 'The application does not answer (' + error.message + '); retrying';
		}
		state.timer = setTimeout(poll, POLL_MILLIS);
	}

	$('bucket').addEventListener('change', (event) => {
		reset(event.target.value);
		poll();
	});

	$('new-bucket').addEventListener('click', async () => {
		const response = await fetch('/api/bucket', { method: 'POST' });
		if (response.ok) {
			reset((await response.json()).key);
			poll();
		}
	});

	let resizing = null;
	window.addEventListener('resize', () => {
		clearTimeout(resizing);
		resizing = setTimeout(() => state.streams.forEach((stream) => {
			if (stream.chart) {
				const box = stream.tile.querySelector('.tile-chart');
				stream.chart.setSize({ width: box.clientWidth, height: box.clientHeight });
			}
		}), 150);
	});

	poll();
})();
