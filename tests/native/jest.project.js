// Jest project `native`: native mini-program custom components (src/native/) through miniprogram-simulate.
// The first components arrive with the check-in QR; until then the project matches no files.
const path = require('path')

module.exports = {
  displayName: 'native',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/native/**/*.test.ts'],
  transform: {
    '\\.[jt]s$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
}
