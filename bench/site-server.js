'use strict';
/**
 * One app (APP_DIR: this checkout, or another such as the pre-plugin baseline), built, listening on
 * 127.0.0.1:$PORT, with a confirmed council officer for the bench to sign in as.
 */
const path = require('path');

(async () => {
  const appDir = process.env.APP_DIR;
  const { createStrapi } = require(path.join(appDir, 'node_modules', '@strapi', 'strapi'));
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();
  const email = 'bench@bristol.gov.uk';
  if (!(await strapi.db.query('plugin::users-permissions.user').count({ where: { email } })))
    await strapi.plugin('users-permissions').service('user').add({
      username: email, email, password: 'Bench-password-1', provider: 'local', confirmed: true, blocked: false,
    });
  strapi.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => strapi.destroy().finally(() => process.exit(0)));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
