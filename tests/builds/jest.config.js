// Checks of build output (run by `npm run test:builds` after the builds): the deployable function bundles.
// Built files are loaded as they are, never re-transformed.
const path = require('path')
const base = require('../../jest.config.js').projects[0]
module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'builds',
  testMatch: ['<rootDir>/tests/builds/**/*.test.ts'],
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: [],
  testTimeout: 30000,
}
