'use strict';
/** The built app (dist/), listening on 127.0.0.1:$PORT; the bench's environment picks the database. */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();
  strapi.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
