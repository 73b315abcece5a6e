import { idNumber, realNamed, registration } from '../../fixtures/people'
import { errCode, ok, snapshot, testCloud, type TestCloud } from '../../fixtures/test-cloud'

/** One phone and one ID number per account (docs/domain.md): refused with a way to ask for help. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await testCloud()
})
afterAll(() => cloud.close())

const ID = idNumber('2000-06-15', 'female', 41)

describe('one phone and one ID number per account', () => {
  it('refuses a second account with a taken phone or ID number, telling them to ask a cadre, and stores nothing', async () => {
    ok(await cloud.as('first').user.register(realNamed({ phone: '13900000001' }, 41)))
    const before = snapshot(cloud)
    const phone = await cloud.as('second').user.register(registration({ phone: '13900000001' }))
    expect(errCode(phone)).toBe('USER.PHONE_TAKEN')
    expect(phone.ok ? null : phone.error.message).toMatch(/团干部/)
    const id = await cloud.as('second').user.register({ ...registration({ phone: '13900000002' }), idNumber: ID })
    expect(errCode(id)).toBe('USER.ID_TAKEN')
    expect(id.ok ? null : id.error.message).toMatch(/找团干部核实/)
    expect(snapshot(cloud)).toBe(before)
  })

  it('refuses a number held by a profile made before claims existed (the demo seed)', async () => {
    // dev-youth's phone in the seed.
    expect(errCode(await cloud.as('copycat').user.register(registration({ phone: '13835601234' })))).toBe('USER.PHONE_TAKEN')
  })

  it('lets only one of several accounts registering the same numbers at once have them', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `racer-${i}`)
    const answers = await Promise.all(people.map((p) => cloud.as(p).user.register(registration({ phone: '13900000009' }))))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map(errCode)).toEqual(Array(5).fill('USER.PHONE_TAKEN'))
    expect(cloud.docs('profiles').filter((p) => String(p.openid).startsWith('racer-'))).toHaveLength(1)
  })

  it('releases the old number when a profile changes it, and refuses taking someone else’s', async () => {
    ok(await cloud.as('mover').user.register(registration({ phone: '13900000021' })))
    ok(await cloud.as('other').user.register(registration({ phone: '13900000022' })))
    expect(errCode(await cloud.as('mover').user.updateProfile({ phone: '13900000022' }))).toBe('USER.PHONE_TAKEN')
    ok(await cloud.as('mover').user.updateProfile({ phone: '13900000023' }))
    // 13900000021 is free again: a newcomer may have it.
    ok(await cloud.as('newcomer').user.register(registration({ phone: '13900000021' })))
    expect(errCode(await cloud.as('late').user.register(registration({ phone: '13900000023' })))).toBe('USER.PHONE_TAKEN')
  })

  it('refuses an ID number added later when another account holds it', async () => {
    ok(await cloud.as('no-id-yet').user.register(registration({ phone: '13900000031' })))
    expect(errCode(await cloud.as('no-id-yet').user.updateProfile({ idNumber: ID }))).toBe('USER.ID_TAKEN')
    ok(await cloud.as('no-id-yet').user.updateProfile({ idNumber: idNumber('2000-06-15', 'female', 42) }))
  })
})
