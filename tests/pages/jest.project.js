// Jest project `pages`: React pages and the API client under jsdom, with Testing Library.
// Taro's runtime and components are replaced by small stand-ins (tests/pages/__mocks__); NutUI is real.
const path = require('path')

const root = path.resolve(__dirname, '../..')

module.exports = {
  displayName: 'pages',
  rootDir: root,
  testEnvironment: 'jsdom',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['<rootDir>/tests/pages/**/*.test.ts?(x)'],
  transform: {
    // The app's own babel config (babel-preset-taro + NutUI's import plugin); NODE_ENV=test → CommonJS.
    '\\.[jt]sx?$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }],
  },
  // NutUI and its animation libraries ship ES modules.
  transformIgnorePatterns: ['/node_modules/(?!(@nutui|@react-spring|@use-gesture)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/pages/__mocks__/taro.ts',
    '^@tarojs/components$': '<rootDir>/tests/pages/__mocks__/components.tsx',
    '\\.(css|scss|sass|less)$': '<rootDir>/tests/pages/__mocks__/style.ts',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/tests/pages/__mocks__/file.ts',
  },
  setupFiles: ['<rootDir>/tests/pages/setup.ts'],
  clearMocks: true,
}
