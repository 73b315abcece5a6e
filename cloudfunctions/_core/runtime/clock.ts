/** The server's clock. Rules take times as arguments; only the runtime asks the clock. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock tests can move. */
export function fixedClock(start: number): Clock & { set(t: number): void; advance(ms: number): void } {
  let t = start
  return {
    now: () => t,
    set: (v) => {
      t = v
    },
    advance: (ms) => {
      t += ms
    },
  }
}
