import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { contracts } from '../../types/contract'

/**
 * A timer action runs in production only if a trigger names it (the trigger's name is the action's):
 * each function's config.json and cloudbaserc.json, which deploy reads, must both declare it.
 */
const root = resolve(__dirname, '../..')
type Trigger = { name: string; type: string; config: string }

describe('timer triggers', () => {
  const rc = JSON.parse(readFileSync(resolve(root, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string; triggers?: Trigger[] }[] }
  for (const [fn, contract] of Object.entries(contracts)) {
    const timers = Object.entries(contract.actions).filter(([, spec]) => (spec as { timer?: boolean }).timer).map(([name]) => name).sort()
    it(`declares a trigger for each timer action of ${fn}, and none for anything else`, () => {
      const config = JSON.parse(readFileSync(resolve(root, 'cloudfunctions', fn, 'config.json'), 'utf8')) as { triggers?: Trigger[] }
      const fromConfig = (config.triggers ?? []).filter((t) => t.type === 'timer')
      const fromRc = (rc.functions.find((f) => f.name === fn)?.triggers ?? []).filter((t) => t.type === 'timer')
      expect(fromConfig.map((t) => t.name).sort()).toEqual(timers)
      expect(fromRc).toEqual(expect.arrayContaining(fromConfig))
      expect(fromRc).toHaveLength(fromConfig.length)
    })
  }
  it('sends the outbox every minute', () => {
    const config = JSON.parse(readFileSync(resolve(root, 'cloudfunctions/activity/config.json'), 'utf8')) as { triggers: Trigger[] }
    expect(config.triggers.find((t) => t.name === 'sendOutbox')?.config).toBe('0 */1 * * * * *')
  })
})
