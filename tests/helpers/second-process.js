// A second Strapi process on the same database as the test (the environment comes from the parent):
// several stateless processes sharing one database is how this app scales out.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.join(__dirname, '..', '..');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  app.log.level = 'error';
  // No "Project information" banner: it would name the public URL, not this process's port.
  app.config.set('server.logger.startup.enabled', false);
  await app.start();
  process.send({ ready: true });
  process.on('message', async (message) => {
    if (message === 'stop') {
      await app.destroy();
      process.exit(0);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
