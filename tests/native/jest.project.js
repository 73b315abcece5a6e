// Jest project `native`: native mini-program custom components (src/native/) through miniprogram-simulate,
// and the small React wrapper around them (src/components/qr-code) under jsdom.
const path = require('path')

module.exports = {
  displayName: 'native',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'jsdom',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['<rootDir>/tests/native/**/*.test.ts?(x)'],
  transform: {
    '\\.[jt]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          '@babel/preset-typescript',
          ['@babel/preset-react', { runtime: 'automatic' }],
        ],
      },
    ],
  },
  // The React wrapper's weapp branch imports @tarojs/components: the page tests' DOM stand-ins will do.
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/tests/pages/__mocks__/components.tsx',
  },
}
