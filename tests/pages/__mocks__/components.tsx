/**
 * Stand-ins for @tarojs/components: plain DOM elements that keep what tests look at (id, className,
 * text, clicks, input values) and drop mini-program-only props.
 */
import { createElement, forwardRef, type CSSProperties, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode }

const PASS = new Set(['id', 'className', 'children', 'onClick', 'role', 'title', 'tabIndex'])

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(props)) {
    if (PASS.has(k) || k.startsWith('aria-') || k.startsWith('data-')) out[k] = v
  }
  if (typeof props.style === 'object' && props.style) {
    // Mini-program style keys such as `-webkitMask` mean nothing to React DOM.
    out.style = Object.fromEntries(Object.entries(props.style).filter(([k]) => !k.startsWith('-'))) as CSSProperties
  }
  if (props.ariaRole && !out.role) out.role = props.ariaRole
  if (props.onTouchStart) out.onTouchStart = props.onTouchStart
  if (props.onTouchMove) out.onTouchMove = props.onTouchMove
  if (props.onTouchEnd) out.onTouchEnd = props.onTouchEnd
  return out
}

function element(tag: string, name: string) {
  const C = forwardRef<HTMLElement, Props>((props, ref) => createElement(tag, { ...domProps(props), ref }))
  C.displayName = name
  return C
}

export const View = element('div', 'View')
export const Text = element('span', 'Text')
export const ScrollView = element('div', 'ScrollView')
export const Swiper = element('div', 'Swiper')
export const SwiperItem = element('div', 'SwiperItem')
export const Label = element('label', 'Label')
export const Canvas = element('canvas', 'Canvas')
export const Video = element('div', 'Video')
export const RichText = element('div', 'RichText')
export const CoverView = element('div', 'CoverView')

export const Image = forwardRef<HTMLImageElement, Props>((props, ref) =>
  createElement('img', { ...domProps(props), src: props.src as string, alt: '', ref }),
)
Image.displayName = 'Image'

export const Button = forwardRef<HTMLButtonElement, Props>((props, ref) =>
  createElement('button', { ...domProps(props), type: 'button', disabled: !!props.disabled, 'data-open-type': props.openType, ref }),
)
Button.displayName = 'Button'

type ValueHandler = ((e: unknown) => void) | undefined

function taroEvent(target: HTMLInputElement | HTMLTextAreaElement) {
  return { detail: { value: target.value }, target, currentTarget: target }
}

function field(tag: 'input' | 'textarea') {
  const C = forwardRef<HTMLInputElement, Props>((props, ref) => {
    const type = props.password ? 'password' : tag === 'input' ? 'text' : undefined
    return createElement(tag, {
      ...domProps(props),
      ref,
      type,
      name: props.name,
      value: (props.value as string | undefined) ?? '',
      placeholder: props.placeholder,
      maxLength: typeof props.maxlength === 'number' && props.maxlength >= 0 ? props.maxlength : undefined,
      disabled: !!props.disabled,
      onChange: (e: { target: HTMLInputElement }) => (props.onInput as ValueHandler)?.(taroEvent(e.target)),
      onFocus: (e: { target: HTMLInputElement }) => (props.onFocus as ValueHandler)?.(taroEvent(e.target)),
      onBlur: (e: { target: HTMLInputElement }) => (props.onBlur as ValueHandler)?.(taroEvent(e.target)),
      onKeyDown: (e: { key: string; target: HTMLInputElement }) => {
        if (e.key === 'Enter') (props.onConfirm as ValueHandler)?.(taroEvent(e.target))
      },
    })
  })
  C.displayName = tag === 'input' ? 'Input' : 'Textarea'
  return C
}

export const Input = field('input')
export const Textarea = field('textarea')

/** Taro's h5 <Form> needs a real browser; a plain form that never navigates is enough here. */
export const Form = forwardRef<HTMLFormElement, Props>((props, ref) =>
  createElement('form', {
    ...domProps(props),
    ref,
    onSubmit: (e: { preventDefault: () => void }) => {
      e.preventDefault()
      ;(props.onSubmit as ValueHandler)?.({ detail: { value: {} } })
    },
    onReset: () => (props.onReset as ValueHandler)?.({}),
  }),
)
Form.displayName = 'Form'
