// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Under NODE_ENV=test the preset emits CommonJS for jest (tests/pages/jest.project.js).
const nutuiPackage = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => nutuiPackage(name),
        // The compiled CSS of each component (NutUI's theme variables come from app.ts).
        customStyleName: (name) => `${nutuiPackage(name)}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
