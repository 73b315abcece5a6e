/**
 * Stand-ins for modules a page test cannot run under jsdom, each used as
 * `jest.mock('<module>', () => require('./mock-modules').<name>())` (a mock factory may only require).
 */
import { createElement } from 'react'

/** The QR code (tested on its own in tests/native): here it only shows what it was given. */
export function qrCodeModule() {
  const QrCode = ({ value, id, size }: { value: string; id?: string; size?: number }) => createElement('div', { id, 'data-value': value, 'data-size': size })
  return { __esModule: true, QrCode, default: QrCode }
}

/** NutUI's date wheels cannot be scrolled in jsdom: an input that confirms whatever date is typed into it. */
export function datePickerModule() {
  const DatePicker = ({ visible, onConfirm }: { visible: boolean; onConfirm: (o: unknown[], v: string[]) => void }) =>
    visible
      ? createElement('input', {
          'aria-label': 'date-wheels',
          onChange: (e: { target: { value: string } }) => onConfirm([], e.target.value.split('-')),
        })
      : null
  return { __esModule: true, default: DatePicker }
}
