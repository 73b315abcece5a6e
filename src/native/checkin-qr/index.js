/**
 * <checkin-qr value="…" size="240">: a QR code (error correction M) drawn on a Canvas 2D node.
 * Native WeChat custom component, used by the React `QrCode` on weapp (src/components/qr-code) and tested
 * with miniprogram-simulate (tests/native/checkin-qr.test.ts).
 *
 * The rotating check-in code changes every 30 s: each change of `value` (or `size`) repaints.
 * The canvas backing store is `size × pixelRatio` device pixels and the symbol is drawn in device pixels,
 * a whole number per module, so the edges stay sharp on every screen.
 */
const { qrMatrix, drawMatrix } = require('./matrix')

function pixelRatio() {
  try {
    if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().pixelRatio || 1
    return wx.getSystemInfoSync().pixelRatio || 1
  } catch (err) {
    return 1
  }
}

Component({
  properties: {
    /** The text to encode; empty draws a blank (white) square. */
    value: { type: String, value: '' },
    /** Side in px (CSS pixels). */
    size: { type: Number, value: 240 },
  },

  observers: {
    'value, size': function () {
      this.redraw()
    },
  },

  lifetimes: {
    ready() {
      this._ready = true
      this.redraw()
    },
    detached() {
      this._ready = false
    },
  },

  methods: {
    /** Asks for the canvas node, then paints the current value; a newer request supersedes an older one. */
    redraw() {
      if (!this._ready) return
      const ticket = (this._ticket = (this._ticket || 0) + 1)
      this.createSelectorQuery()
        .select('#c')
        .fields({ node: true, size: true })
        .exec((res) => {
          if (!this._ready || ticket !== this._ticket) return
          const hit = res && res[0]
          if (!hit || !hit.node) return
          this.paint(hit.node, hit.width || this.data.size)
        })
    },

    /** Sizes the backing store for the screen's pixel ratio and draws the symbol. */
    paint(canvas, cssSize) {
      const pixels = Math.max(1, Math.round(cssSize * pixelRatio()))
      canvas.width = pixels
      canvas.height = pixels
      const ctx = canvas.getContext('2d')
      let matrix = null
      if (this.data.value) {
        try {
          matrix = qrMatrix(this.data.value, 'M')
        } catch (err) {
          console.error('[checkin-qr]', err)
          this.triggerEvent('error', { message: err && err.message ? err.message : String(err) })
        }
      }
      drawMatrix(ctx, matrix, pixels)
    },
  },
})
