'use strict';
/**
 * The built app (dist/), listening on 127.0.0.1:$PORT; the bench's environment picks the database.
 * Tells the parent when it is ready (with a full-access API token for the publish-during-load
 * check) and answers 'stats' messages with the search's counters (cache hit rates).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();
  const token = (await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null, permissions: [] })).accessKey;
  strapi.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true, token }));
  // Where the memory is at the peak of RSS: V8's heap (used / reserved), buffers outside it, the rest native.
  let peak = { rss: 0 };
  setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  }, 250).unref();
  process.on('message', (message) => {
    if (message === 'stats') process.send?.({ stats: { ...strapi.service('api::case-study.search').stats(), memory: peak } });
    if (message === 'live') {
      global.gc?.();
      process.send?.({ live: process.memoryUsage() });
    }
  });
  process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
