'use strict';
// Compiled by scripts/build-plugins.js (npm run build / build:server). rootDir is src/, so that the
// site can compile in the pure modules it shares with the submissions plugin and the search.
module.exports = require('./dist/plugins/website/server/src').default;
