/** API and integration tests: each file boots a real Strapi (compiled into dist/) on its own database. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: [
    '<rootDir>/tests/**/*.test.ts',
    // Unit tests beside the code: pure logic, no Strapi.
    '<rootDir>/src/plugins/*/{server,shared,admin}/**/*.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/tests/browser/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/src/plugins/[^/]+/dist/'],
  testTimeout: 60_000,
};
