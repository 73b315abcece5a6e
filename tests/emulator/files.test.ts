import { createFileStore } from '../../local/emulator/files'

const PATH = 'uploads/u_AAAAAAAAAAAAAAAAAAAAAA/photo-0001.png'
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const NOW = Date.parse('2026-11-28T10:00:00+08:00')

describe('emulator storage', () => {
  const files = createFileStore('tq', null)
  afterAll(() => files.close())

  it('hands out a URL that works until it expires, for files of this env only', () => {
    const put = files.put(PATH, PNG, 'o-1')
    expect(put).toEqual({ ok: true, fileID: `cloud://tq.tq-files/${PATH}` })
    const entry = files.downloadEntry(`cloud://tq.tq-files/${PATH}`, 60, NOW)
    expect(entry).toMatchObject({ code: 'SUCCESS', maxAge: 60 })
    const url = new URL(String(entry.tempFileURL), 'http://x')
    const read = (now: number) => files.read(url.pathname.slice('/files/'.length), url.searchParams.get('expires'), url.searchParams.get('sign'), now)
    expect(read(NOW + 59_000)).toEqual({ bytes: PNG, type: 'image/png' })
    expect(read(NOW + 61_000)).toBeNull()
    expect(files.downloadEntry(`cloud://other.other-files/${PATH}`, 60, NOW)).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY', tempFileURL: '' })
    expect(files.downloadEntry(`cloud://tq.tq-files/${PATH.replace('0001', '0002')}`, 60, NOW)).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' })
  })

  it('takes only images whose bytes match their name', () => {
    expect(files.put(PATH.replace('.png', '-b.jpg'), PNG, 'o-1')).toMatchObject({ ok: false, status: 415 })
    expect(files.put(PATH.replace('.png', '-c.webp'), Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'o-1')).toMatchObject({ ok: true })
  })
})
