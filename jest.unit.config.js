/** Unit tests: pure modules (rules, parsers, steps), from source, with no Strapi and no database. */
const base = require('./jest.config');

module.exports = {
  testEnvironment: 'node',
  transform: base.transform,
  testMatch: ['<rootDir>/src/**/*.unit.test.ts', '<rootDir>/tests/**/*.unit.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/src/plugins/[^/]+/dist/'],
  modulePathIgnorePatterns: base.modulePathIgnorePatterns,
};
