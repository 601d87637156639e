// The soak's server: this app's Strapi in a process of its own (so its memory is the server's alone),
// which on request creates the accounts the traffic uses. Started by scripts/soak.js.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const PASSWORD = 'Soak-test-Passw0rd';

async function accounts(strapi) {
  const officers = ['soak.one@bristol.gov.uk', 'soak.two@calderdale.gov.uk'];
  for (const email of officers) {
    await strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: email, email, password: PASSWORD, provider: 'local', confirmed: true });
  }
  const role = await strapi.db.query('admin::role').findOne({ where: { name: 'Publisher' } });
  const editor = 'soak.publisher@lga.test';
  await strapi.service('admin::user').create({
    email: editor,
    firstname: 'Soak',
    lastname: 'Publisher',
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  // Approving and publishing are separate people unless single-person publishing is on.
  await strapi
    .plugin('submissions')
    .service('settings')
    .set({ singlePersonPublishing: true, reviewerEmails: [] });
  return { officers, editor, password: PASSWORD };
}

(async () => {
  const appDir = path.join(__dirname, '..', '..');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await strapi.start();
  process.send({ ready: true, pid: process.pid });
  process.on('message', async (message) => {
    if (message === 'accounts') process.send({ accounts: await accounts(strapi) });
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
