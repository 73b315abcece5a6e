const fs = require('fs')

// One jest run, several projects: each folder under tests/ is a kind of test with its own environment.
const nodeTransform = {
  '\\.[jt]sx?$': [
    'babel-jest',
    {
      configFile: false,
      babelrc: false,
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        '@babel/preset-typescript',
      ],
    },
  ],
}

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: nodeTransform,
  // Built bundles carry the same package names as their sources; only tests/builds looks at them.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  ...extra,
})

module.exports = {
  projects: [
    nodeProject('unit'),
    nodeProject('emulator'),
    nodeProject('functions'),
    ...['pages', 'native'].flatMap((p) => (fs.existsSync(`${__dirname}/tests/${p}/jest.project.js`) ? [require(`./tests/${p}/jest.project.js`)] : [])),
  ],
}
