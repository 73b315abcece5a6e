// First: zod must be told not to compile parsers before any contract module builds its schemas.
import './utils/zod-config'
import { createElement, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/theme-default.scss'
import '@nutui/icons-react-taro/dist/style_icon.css'
import './app.scss'
import { SessionProvider } from './hooks/use-session'
import { watchPrivacyAuthorization } from './utils/platform'
import { ROUTES } from './utils/routes'

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat asks before a privacy-protected API runs: show our guide, answer from its buttons.
    watchPrivacyAuthorization(() => void Taro.navigateTo({ url: ROUTES.privacy }))
  })
  return createElement(SessionProvider, null, children)
}
