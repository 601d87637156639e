'use strict';
// Compiled by scripts/build-plugins.js (npm run build / build:server) from server/src and shared.
module.exports = require('./dist/server/src').default;
