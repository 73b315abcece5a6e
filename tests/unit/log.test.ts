import { redact } from '../../cloudfunctions/_core/runtime/log'

describe('redact', () => {
  it('masks mobile and ID numbers and leaves other numbers alone', () => {
    expect(redact('phone 13812345678 failed')).toBe('phone 138****5678 failed')
    expect(redact('id 14052220000615121X')).toBe('id 1405**********121X')
    expect(redact('order 20261128 took 1500 ms, ts 1795917600001')).toBe('order 20261128 took 1500 ms, ts 1795917600001')
  })
})
