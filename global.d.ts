/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Fixed at build time by Taro; under jest it is read at run time, so tests can switch it. */
    TARO_ENV?: 'weapp' | 'h5' | string
    /** The mini program's appid (the tourist appid cannot call cloud functions). */
    TARO_APP_ID?: string
    /** The CloudBase environment id; empty means DevTools' current environment. */
    TARO_APP_CLOUD_ENV?: string
  }
}
