/** API and integration tests: each file boots a real Strapi (compiled into dist/) on its own database. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/src/plugins/*/server/**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/dist/',
    '<rootDir>/tests/browser/',
    '\\.unit\\.test\\.ts$',
    // Files named *.postgres.test.ts are about PostgreSQL only: they run in the PostgreSQL stage
    // (TEST_DB=postgres), and are not selected on SQLite, rather than skipped.
    ...(process.env.TEST_DB === 'postgres' ? [] : ['\\.postgres\\.test\\.ts$']),
    // scripts/test.sh sets this when the machine has no nginx (and says so under SKIPPED).
    ...(process.env.WITHOUT_NGINX === 'true' ? ['<rootDir>/tests/site/proxy.test.ts'] : []),
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/src/plugins/[^/]+/dist/'],
  testTimeout: 60_000,
  // Compiles first when a server source changed since the last build: the tests boot dist/.
  globalSetup: '<rootDir>/tests/helpers/ensure-build.js',
};
