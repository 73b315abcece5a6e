// Pages run as the browser build unless a test says otherwise (TARO_ENV is read at run time under jest).
process.env.TARO_ENV = process.env.TARO_ENV || 'h5'

// NutUI's icons draw a raw <i> with the mini program's `-webkitMask` style key when TARO_ENV=weapp;
// React DOM complains about the key. Everything else logged stays visible.
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('Unsupported style property %s') && String(args[1]).startsWith('-webkit')) return
  // NutUI's Dialog animates with react-transition-group, which still calls findDOMNode.
  if (typeof args[0] === 'string' && args[0].includes('findDOMNode is deprecated') && String(args[1]).includes('Transition')) return
  consoleError(...args)
}
