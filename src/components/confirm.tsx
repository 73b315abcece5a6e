import { useCallback, useRef, useState, type ReactNode } from 'react'
import { Dialog } from '@nutui/nutui-react-taro'

interface Ask {
  title: string
  content: ReactNode
  confirmText?: string
}

/** `const { dialog, ask } = useConfirm()`; render `dialog`, then `if (await ask({...})) …`. */
export function useConfirm(): { dialog: ReactNode; ask: (a: Ask) => Promise<boolean> } {
  const [asking, setAsking] = useState<Ask | null>(null)
  const resolver = useRef<((ok: boolean) => void) | null>(null)

  const ask = useCallback(
    (a: Ask) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false)
        resolver.current = resolve
        setAsking(a)
      }),
    [],
  )

  const answer = (ok: boolean) => {
    const resolve = resolver.current
    resolver.current = null
    setAsking(null)
    resolve?.(ok)
  }

  const dialog = (
    <Dialog
      className='tq-confirm'
      visible={!!asking}
      title={asking?.title}
      content={asking?.content}
      confirmText={asking?.confirmText ?? '确定'}
      cancelText='取消'
      onConfirm={() => answer(true)}
      onCancel={() => answer(false)}
      onClose={() => answer(false)}
    />
  )
  return { dialog, ask }
}
