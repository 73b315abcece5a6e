/** Props of the QR code and of its two platform renderings (kept apart from index.tsx to avoid an import cycle). */
export interface QrCodeProps {
  /** The text to encode (error correction M, UTF-8); empty shows a blank square. */
  value: string
  /** Side in CSS px, quiet zone included. Default 240. */
  size?: number
  id?: string
  className?: string
}

export type QrCodeImplProps = Required<Pick<QrCodeProps, 'value' | 'size'>> & Pick<QrCodeProps, 'id' | 'className'>
