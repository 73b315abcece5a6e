import { useMemo } from 'react'
import { QUIET_ZONE, qrMatrix, svgPath, type QrMatrix } from '../../native/checkin-qr/matrix'
import type { QrCodeImplProps } from './types'

function toMatrix(value: string): QrMatrix | null {
  if (!value) return null
  try {
    return qrMatrix(value, 'M')
  } catch (err) {
    console.error('[QrCode]', err)
    return null
  }
}

/**
 * h5: an inline SVG in module units (quiet zone included) scaled to `size` CSS px; `crispEdges` keeps
 * module borders sharp at any zoom. Same matrix as the native component (../../native/checkin-qr/matrix).
 */
export function SvgQr({ value, size, id, className }: QrCodeImplProps) {
  const matrix = useMemo(() => toMatrix(value), [value])
  const side = (matrix?.count ?? 21) + 2 * QUIET_ZONE
  return (
    <svg
      id={id}
      className={className ? `qr-code ${className}` : 'qr-code'}
      xmlns='http://www.w3.org/2000/svg'
      width={size}
      height={size}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}`}
      shapeRendering='crispEdges'
      role='img'
      aria-label='二维码'
      data-modules={matrix?.count}
      style={{ display: 'block', width: `${size}px`, height: `${size}px`, background: '#ffffff' }}
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={side} height={side} fill='#ffffff' />
      {matrix ? <path d={svgPath(matrix)} fill='#000000' /> : null}
    </svg>
  )
}
