// Browser tests (`npm run test:e2e`): headless Debian Chromium through playwright-core against the
// whole local system (emulator + functions + gateway + the H5 build), one file at a time.
const path = require('path')
const base = require('../../jest.config.js').projects[0]
module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
}
