// A load-generating or /_health-timing thread of scripts/load/worst-requests.js (its own event loop).
const { parentPort, workerData } = require('worker_threads');

async function send(baseUrl, request) {
  const res = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.body ? { 'Content-Type': 'application/json' } : {},
    body: request.body ? JSON.stringify(request.body) : undefined,
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status;
}

async function load({ baseUrl, requests, durationMs, clients }) {
  const end = Date.now() + durationMs;
  const statuses = {};
  let total = 0;
  let failures = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const request = requests[next++ % requests.length];
        try {
          const status = await send(baseUrl, request);
          const key = `${request.method} ${request.path.slice(0, 40)} ${status}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        } catch {
          failures += 1;
        }
        total += 1;
      }
    })
  );
  return { total, statuses, failures };
}

async function health({ baseUrl, durationMs, intervalMs }) {
  const end = Date.now() + durationMs;
  const latencies = [];
  const statuses = {};
  while (Date.now() < end) {
    const started = performance.now();
    let status = 'failed';
    try {
      status = await send(baseUrl, { method: 'GET', path: '/_health' });
    } catch {
      // counted below as "failed"
    }
    latencies.push(performance.now() - started);
    statuses[status] = (statuses[status] ?? 0) + 1;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { latencies, statuses };
}

(workerData.mode === 'load' ? load(workerData) : health(workerData)).then((result) =>
  parentPort.postMessage(result)
);
