import path from 'node:path'
import fs from 'node:fs'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')
const nutuiVariables = path.join(root, 'node_modules/@nutui/nutui-react-taro/dist/styles/variables.scss')

/** NutUI is drawn on a 375-wide design, our own styles on 750 (TOOLCHAIN.md, "Libraries checked"). */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file
  return typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

/**
 * WeChat DevTools opens the repo root (miniprogramRoot dist/weapp/, cloudfunctionRoot dist/functions/).
 * Its appid is TARO_APP_ID at build time, else the tourist appid (which cannot call cloud functions);
 * Taro writes the same into the dist copy.
 */
const TOURIST_APPID = 'touristappid'

function syncRootAppId(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const appid = process.env.TARO_APP_ID || TOURIST_APPID
  const file = path.join(root, 'project.config.json')
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: string }
  if (json.appid === appid) return
  json.appid = appid
  fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n')
}

export default defineConfig<'webpack5'>(async (merge) => {
  syncRootAppId()
  const env = process.env.TARO_ENV ?? 'weapp'
  // Code outside src/ that the app imports: the shared zod contracts.
  const compileInclude = [path.join(root, 'types')]
  // NutUI's theme still uses Sass @import; its deprecation warnings are not ours to fix.
  const sassLoaderOption = { sassOptions: { silenceDeprecations: ['legacy-js-api', 'import'] } }

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tuanqing',
    date: '2026-11-01',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: ['@tarojs/plugin-html'],
    env: {
      // Read by src/services/api.ts; empty means "the DevTools' default environment".
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // Set from the build machine's environment as well as from .env: the certificate QR's link base
      // and the subscription-message templates (src/utils/certificate-image.ts, src/utils/platform.ts).
      TARO_APP_PUBLIC_URL: JSON.stringify(process.env.TARO_APP_PUBLIC_URL ?? ''),
      TARO_APP_TEMPLATE_REMINDER: JSON.stringify(process.env.TARO_APP_TEMPLATE_REMINDER ?? ''),
      TARO_APP_TEMPLATE_WAITLIST: JSON.stringify(process.env.TARO_APP_TEMPLATE_WAITLIST ?? ''),
      TARO_APP_TEMPLATE_CANCEL: JSON.stringify(process.env.TARO_APP_TEMPLATE_CANCEL ?? ''),
      TARO_APP_TEMPLATE_ORDER_READY: JSON.stringify(process.env.TARO_APP_TEMPLATE_ORDER_READY ?? ''),
      TARO_APP_TEMPLATE_ORDER_EXPIRING: JSON.stringify(process.env.TARO_APP_TEMPLATE_ORDER_EXPIRING ?? ''),
      TARO_APP_TEMPLATE_POINTS_EXPIRING: JSON.stringify(process.env.TARO_APP_TEMPLATE_POINTS_EXPIRING ?? ''),
      TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED: JSON.stringify(process.env.TARO_APP_TEMPLATE_ANNOUNCEMENT_POSTED ?? ''),
      TARO_APP_TEMPLATE_OPINION_REPLIED: JSON.stringify(process.env.TARO_APP_TEMPLATE_OPINION_REPLIED ?? ''),
      TARO_APP_TEMPLATE_OPINION_OVERDUE: JSON.stringify(process.env.TARO_APP_TEMPLATE_OPINION_OVERDUE ?? ''),
      TARO_APP_TEMPLATE_DUTY_BEHIND: JSON.stringify(process.env.TARO_APP_TEMPLATE_DUTY_BEHIND ?? ''),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: {
      enable: true,
      buildDependencies: {
        config: [
          path.join(__dirname, 'index.ts'),
          path.join(__dirname, 'dev.ts'),
          path.join(__dirname, 'prod.ts'),
          path.join(root, 'babel.config.js'),
        ],
      },
    },
    sass: {
      resource: [nutuiVariables],
    },
    mini: {
      compile: { include: compileInclude },
      sassLoaderOption,
      // Modules used only by a subpackage stay in that subpackage (main package ≤ 1 MB).
      optimizeMainPackage: { enable: true },
      // Our styles never rely on their order against NutUI's (they add a class for specificity).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        url: { enable: true, config: { limit: 1024 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // The package budget is enforced by scripts/check-weapp.ts, not by webpack's web hints.
        chain.performance.hints(false)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      sassLoaderOption,
      esnextModules: ['nutui-react'],
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // NutUI's own px are already right for a 375-wide browser viewport.
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.performance.hints(false)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
