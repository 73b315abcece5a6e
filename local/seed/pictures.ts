import { crc32, deflateSync } from 'node:zlib'

/**
 * Pictures for the demo data (activity covers, evidence photos), drawn in code so the seed needs no
 * binary files: a sky, a sun and rolling hills in one of a few palettes. Encoded as PNG.
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
