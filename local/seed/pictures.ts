import { crc32, deflateSync } from 'node:zlib'

/**
 * Pictures for the demo data, drawn in code so the seed needs no binary files, encoded as PNG:
 * activity covers and evidence photos (a sky, a sun and rolling hills in one of a few palettes),
 * goods pictures (the thing's silhouette) and donors' logos.
 */

type Rgb = [number, number, number]

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

/** A truecolour PNG from rows of RGB bytes (`width * 3` each). */
export function png(width: number, height: number, rgb: Buffer): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3) // filter byte 0: none
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const PALETTES: { skyTop: Rgb; skyLow: Rgb; sun: Rgb; near: Rgb; far: Rgb }[] = [
  { skyTop: [255, 196, 140], skyLow: [255, 236, 210], sun: [232, 72, 56], near: [196, 38, 46], far: [236, 120, 96] }, // dawn, League red
  { skyTop: [120, 178, 235], skyLow: [214, 236, 250], sun: [255, 214, 92], near: [76, 150, 92], far: [140, 196, 140] }, // summer fields
  { skyTop: [92, 112, 168], skyLow: [206, 214, 236], sun: [250, 250, 240], near: [92, 100, 120], far: [150, 160, 186] }, // winter
  { skyTop: [250, 206, 120], skyLow: [252, 240, 204], sun: [214, 86, 40], near: [168, 108, 52], far: [214, 160, 90] }, // autumn harvest
]

/** A landscape picture; `variant` picks the palette, `shift` moves the sun and the hills (two pictures of one palette differ). */
export function landscape(variant: number, width = 750, height = 400, shift = variant): Buffer {
  const p = PALETTES[((variant % PALETTES.length) + PALETTES.length) % PALETTES.length]
  const sunX = width * (0.2 + (Math.abs(shift * 37) % 60) / 100)
  const sunY = height * (0.3 + (Math.abs(shift * 13) % 15) / 100)
  const sunR2 = (height * 0.14) ** 2
  const phase = shift * 1.7
  const far = Array.from({ length: width }, (_, x) => height * (0.62 + 0.06 * Math.sin(x / 90 + phase)))
  const near = Array.from({ length: width }, (_, x) => height * (0.78 + 0.07 * Math.sin(x / 140 + phase * 2)))
  const rgb = Buffer.alloc(width * height * 3)
  const put = (i: number, c: Rgb, t = 0, to: Rgb = c) => {
    for (let k = 0; k < 3; k++) rgb[i + k] = Math.round(c[k] + (to[k] - c[k]) * t)
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      if (y > near[x]) put(i, p.near, ((y - near[x]) / height) * 0.8, [40, 40, 40])
      else if (y > far[x]) put(i, p.far)
      else if ((x - sunX) ** 2 + (y - sunY) ** 2 < sunR2) put(i, p.sun)
      else put(i, p.skyTop, y / far[x], p.skyLow)
    }
  }
  return png(width, height, rgb)
}

/** What a goods picture shows: the shape of the thing given. */
export type ProductShape = 'sack' | 'bottle' | 'book' | 'pencils' | 'ticket' | 'basket' | 'jug'

const PRODUCT_COLOURS: Record<ProductShape, { bg: Rgb; body: Rgb; band: Rgb }> = {
  sack: { bg: [250, 243, 226], body: [236, 222, 190], band: [196, 38, 46] },
  bottle: { bg: [252, 246, 220], body: [240, 196, 64], band: [60, 140, 70] },
  book: { bg: [232, 240, 250], body: [58, 98, 168], band: [250, 250, 250] },
  pencils: { bg: [246, 240, 252], body: [250, 206, 64], band: [214, 86, 40] },
  ticket: { bg: [253, 236, 232], body: [226, 66, 60], band: [255, 230, 150] },
  basket: { bg: [236, 246, 230], body: [176, 120, 60], band: [214, 56, 40] },
  jug: { bg: [230, 244, 250], body: [96, 170, 222], band: [255, 255, 255] },
}

/**
 * A product picture for a goods item (square, like the photos cadres take of donated goods): the
 * thing's silhouette on a plain ground with a shadow; `shift` moves it a little, so two items of one
 * shape differ.
 */
export function product(shape: ProductShape, size = 480, shift = 0): Buffer {
  const c = PRODUCT_COLOURS[shape]
  const dx = ((Math.abs(shift * 29) % 9) - 4) / 100
  const rgb = Buffer.alloc(size * size * 3)
  const box = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1
  const disc = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Unit coordinates, the thing centred near (0.5 + dx, 0.5).
      const x = px / size - dx
      const y = py / size
      let col: Rgb = c.bg.map((v) => Math.round(v - y * 18)) as Rgb
      if (((x - 0.5) / 0.3) ** 2 + ((y - 0.86) / 0.04) ** 2 <= 1) col = c.bg.map((v) => v - 40) as Rgb // shadow
      let hit: Rgb | null = null
      switch (shape) {
        case 'sack': {
          const half = 0.2 + (y - 0.3) * 0.12
          if (y >= 0.3 && y <= 0.85 && Math.abs(x - 0.5) <= half) hit = box(x, y, 0, 0.5, 1, 0.62) ? c.band : c.body
          // The tie before the neck it sits on, or the neck would cover it.
          else if (box(x, y, 0.44, 0.27, 0.56, 0.3)) hit = c.band
          else if (y >= 0.2 && y < 0.3 && Math.abs(x - 0.5) <= 0.06 + (0.3 - y) * 1.2) hit = c.body
          break
        }
        case 'bottle':
          if (box(x, y, 0.34, 0.38, 0.66, 0.85) || disc(x, y, 0.5, 0.4, 0.16)) hit = box(x, y, 0.34, 0.56, 0.66, 0.7) ? c.band : c.body
          else if (box(x, y, 0.45, 0.16, 0.55, 0.3)) hit = [250, 236, 190]
          else if (box(x, y, 0.44, 0.12, 0.56, 0.17)) hit = c.band
          break
        case 'book':
          if (box(x, y, 0.28, 0.18, 0.72, 0.85)) {
            hit = box(x, y, 0.28, 0.18, 0.34, 0.85) ? [34, 60, 110] : box(x, y, 0.42, 0.3, 0.64, 0.4) ? c.band : c.body
          }
          break
        case 'pencils':
          for (let i = 0; i < 4; i++) {
            const x0 = 0.26 + i * 0.13
            if (box(x, y, x0, 0.3 + i * 0.03, x0 + 0.08, 0.85)) hit = i % 2 ? c.band : c.body
            else if (y >= 0.18 + i * 0.03 && y < 0.3 + i * 0.03 && Math.abs(x - (x0 + 0.04)) <= ((y - 0.18 - i * 0.03) / 0.12) * 0.04) hit = [232, 196, 150]
          }
          break
        case 'ticket':
          if (box(x, y, 0.16, 0.34, 0.84, 0.72) && !disc(x, y, 0.16, 0.53, 0.06) && !disc(x, y, 0.84, 0.53, 0.06)) {
            hit = Math.abs(x - 0.62) < 0.006 && Math.floor(y * 40) % 2 === 0 ? c.band : disc(x, y, 0.39, 0.53, 0.1) ? c.band : c.body
          }
          break
        case 'basket':
          if (y >= 0.55 && y <= 0.85 && ((x - 0.5) / 0.3) ** 2 + ((y - 0.55) / 0.3) ** 2 <= 1) hit = Math.floor(y * 30) % 2 ? c.body : [150, 96, 44]
          else if (disc(x, y, 0.38, 0.5, 0.09) || disc(x, y, 0.6, 0.48, 0.1)) hit = c.band
          else if (disc(x, y, 0.5, 0.42, 0.1)) hit = [70, 150, 60]
          break
        case 'jug':
          if (box(x, y, 0.3, 0.34, 0.7, 0.85)) hit = box(x, y, 0.3, 0.5, 0.7, 0.64) ? c.band : c.body
          else if (box(x, y, 0.42, 0.22, 0.58, 0.34)) hit = c.body
          else if (box(x, y, 0.4, 0.16, 0.6, 0.22)) hit = [40, 90, 170]
          break
      }
      if (hit) col = hit
      rgb[(py * size + px) * 3] = col[0]
      rgb[(py * size + px) * 3 + 1] = col[1]
      rgb[(py * size + px) * 3 + 2] = col[2]
    }
  }
  return png(size, size, rgb)
}

const BADGE_COLOURS: Rgb[] = [
  [196, 38, 46],
  [214, 120, 30],
  [40, 110, 180],
  [60, 140, 80],
  [120, 70, 160],
]

/** A donor's logo: a white heart (爱心) on a disc of the company's colour. */
export function badge(variant: number, size = 240): Buffer {
  const col = BADGE_COLOURS[((variant % BADGE_COLOURS.length) + BADGE_COLOURS.length) % BADGE_COLOURS.length]
  const rgb = Buffer.alloc(size * size * 3, 255)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px / size - 0.5) * 2
      const y = (0.5 - py / size) * 2
      if (x * x + y * y > 0.92) continue
      // The heart curve (x² + y² − 1)³ ≤ x²y³, scaled into the disc.
      const hx = x / 0.55
      const hy = (y + 0.08) / 0.55
      const heart = (hx * hx + hy * hy - 1) ** 3 - hx * hx * hy ** 3 <= 0
      const c: Rgb = heart ? [255, 255, 255] : col
      rgb.set(c, (py * size + px) * 3)
    }
  }
  return png(size, size, rgb)
}
