import { fireEvent, screen, waitFor } from '@testing-library/react'

export const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id)
  if (!el) throw new Error(`#${id} not found`)
  return el
}
/** Our Taro stand-in puts the id on the <input> itself; NutUI and Taro's h5 build on a wrapper around it. */
export const inputIn = (id: string) => (byId(id).querySelector('input, textarea') ?? byId(id)) as HTMLInputElement
export const type = (id: string, value: string) => fireEvent.change(inputIn(id), { target: { value } })
export const tap = (id: string) => fireEvent.click(byId(id))
export const textOf = (id: string) => document.getElementById(id)?.textContent ?? null

/** Taps the confirmation's button and waits until it has closed; returns what it said. */
export async function confirm(button: string): Promise<string> {
  const yes = await screen.findByText(button)
  const words = document.querySelector('.tq-confirm')?.textContent ?? ''
  fireEvent.click(yes)
  await waitFor(() => expect(screen.queryByText(button)).toBeNull())
  return words
}
