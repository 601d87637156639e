// Jest's global setup: the integration tests boot the compiled app, so compile first if any server
// source changed since the last build (otherwise a test would run stale code and mislead).
const { serverBuildStaleness, buildServer } = require('../../scripts/lib/build-state');

module.exports = async () => {
  const why = serverBuildStaleness();
  if (!why) return;
  console.log(`\nThe compiled app is out of date (${why}): compiling it (npm run build:server).`);
  buildServer();
};
