'use strict';
// Email provider for machines without SMTP (SMTP_HOST unset): writes each message to the server log,
// so a developer can follow confirmation and reset links without a mail server.
module.exports = {
  init(_providerOptions, settings) {
    return {
      async send(options) {
        const to = Array.isArray(options.to) ? options.to.join(', ') : options.to;
        const body = options.text || String(options.html || '').replace(/<[^>]+>/g, '');
        strapi.log.info(`[email] to: ${to} | from: ${options.from || settings.defaultFrom} | subject: ${options.subject}\n${body}`);
      },
    };
  },
};
