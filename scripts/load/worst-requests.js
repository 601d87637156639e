// The most expensive public requests the cost ceiling still lets through (and a few it refuses),
// sent by `clients` concurrent loops from worker threads, while another thread times /_health and
// this thread measures its own event-loop delay. Used by tests/security/cost.test.ts (30 s, PostgreSQL)
// and by scripts/load-worst-requests.js (longer, any database).
const os = require('os');
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');
const { Worker } = require('worker_threads');

const RELATED = 'relatedCaseStudies';

/** REST, GraphQL, search and page requests at (or just past) every limit. */
function worstRequests({ topics, councils }) {
  const widest =
    `populate[${RELATED}][populate][${RELATED}][populate]=*` +
    // 7 + 1 + the 12 that * covers (with createdBy, updatedBy, localizations) = 20, the limit
    ['topics', 'councils', 'supportTypes', 'sections', 'contact', 'coverImage']
      .map((a) => `&populate[${a}]=true`)
      .join('');
  // A path three relations deep (3 joins: both limits) and 49 more conditions (50, the limit).
  const joins = [
    `filters[$or][0][${RELATED}][${RELATED}][topics][name][$containsi]=a`,
    ...Array.from(
      { length: 49 },
      (_, i) => `filters[$or][${i + 1}][${i % 2 ? 'title' : 'summary'}][$containsi]=c${i}`
    ),
  ].join('&');
  const keyword = 'council partnership young people community reading libraries volunteers '
    .repeat(3)
    .slice(0, 200);
  const gqlList = (limit) =>
    `topics(pagination: { limit: ${limit} }) { name slug } councils(pagination: { limit: ${limit} }) { name region } supportTypes(pagination: { limit: ${limit} }) { name }`;
  // 100 × (1 + 3 × 15 + 3 × (1 + 3 × 5)) = 9,400 rows: just under GRAPHQL_MAX_COST (10,000).
  const graphql = {
    query: `query Worst($q: String) {
      caseStudies(filters: { or: [{ title: { containsi: $q } }, { summary: { containsi: $q } }] }, pagination: { pageSize: 100 }, sort: "title:asc") {
        title slug summary publicationDate ${gqlList(15)}
        ${RELATED}(pagination: { limit: 3 }) { title ${gqlList(5)} }
      }
    }`,
    variables: { q: 'a' },
  };
  return [
    { method: 'GET', path: `/api/case-studies?${widest}&pagination[pageSize]=100` },
    { method: 'GET', path: `/api/case-studies?${joins}&sort=title:asc&pagination[pageSize]=100&populate=*` },
    { method: 'GET', path: `/api/case-studies?populate=${Array(20).fill(RELATED).join('.')}` }, // refused: 400
    { method: 'POST', path: '/graphql', body: graphql },
    {
      method: 'GET',
      path: `/api/case-studies/search?q=${encodeURIComponent(keyword)}&topics=${topics.join(',')}&councils=${councils.join(',')}&pageSize=100`,
    },
    { method: 'GET', path: `/case-studies?q=council&topics=${topics.slice(0, 3).join('&topics=')}` },
  ];
}

function runWorker(data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs the load for `seconds` and reports: statuses of the load, /_health latencies (another thread),
 * the event-loop delay of this process (where Strapi runs), and the load average.
 */
async function runLoad({ baseUrl, requests, seconds, clients = 20 }) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const durationMs = seconds * 1000;
  const [load, health] = await Promise.all([
    runWorker({ mode: 'load', baseUrl, requests, durationMs, clients }),
    runWorker({ mode: 'health', baseUrl, durationMs, intervalMs: 100 }),
  ]);
  loop.disable();
  const latencies = [...health.latencies].sort((a, b) => a - b);
  return {
    seconds,
    clients,
    requests: load.total,
    statuses: load.statuses,
    failures: load.failures,
    health: {
      count: latencies.length,
      statuses: health.statuses,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
    },
    eventLoopDelayMs: {
      p50: loop.percentile(50) / 1e6,
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}

module.exports = { worstRequests, runLoad };
