#!/usr/bin/env node
// npm run accounts:audit: list council accounts whose email's real domain is not their council's.
const path = require('path');
const { parseCli } = require('./lib/cli');

const HELP = `
Usage: npm run accounts:audit [-- --json]

Lists the council accounts whose email address, read by the app's strict parser, does not belong to
the council the account is in: accounts made through the quoted-address hole of issue 9 (for example
"x@bristol.gov.uk@x"@evil.com filed under Bristol), addresses the parser now refuses, and officers
whose council no longer has their domain.

Every start of the app blocks such accounts (which also ends their sessions) and logs them; this
command starts the app on the configured database (the same environment as npm start), so it blocks
any it finds too, then lists them all, blocked before or now. To let someone back in, correct their
email or their council's email domains in the admin panel, then unblock the account.

Options:
  --json   print the list as JSON
  --help   show this help

Exit status: 0 when there are none, 3 when some are listed, 1 on error.`;

const { values } = parseCli({ usage: HELP, options: { json: { type: 'boolean' } } });

const { serverBuildStaleness, buildServer } = require('./lib/build-state');
if (serverBuildStaleness()) buildServer();
process.env.STRAPI_TELEMETRY_DISABLED = 'true';

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const appDir = path.join(__dirname, '..');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  app.log.level = process.env.AUDIT_LOG_LEVEL || 'error';
  const strapi = await app.load(); // its bootstrap blocks the accounts listed below
  let found;
  try {
    found = await strapi.plugin('submissions').service('accountAudit').findMismatched();
  } finally {
    await strapi.destroy();
  }
  if (values.json) console.log(JSON.stringify(found, null, 2));
  else if (!found.length) console.log('No council account has an email address outside its council.');
  else {
    console.log(
      `${found.length} council account(s) with an email address outside their council (all blocked):`
    );
    for (const a of found) console.log(`  #${a.id}  ${a.email}  ${a.council}: ${a.problem}`);
  }
  process.exit(found.length ? 3 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
