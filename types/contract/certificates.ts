import { z } from 'zod'
import { defineContract } from './common'

/** Volunteer service certificates (served by the activity function): the holder's own, and the public check of a serial. */

export const certificatesContract = defineContract('activity', {
  certificate: {
    summary: '志愿服务证明：已通过的时长明细、编号与验真码。',
    input: z.strictObject({}),
    output: z.object({
      serial: z.string(),
      holderName: z.string(),
      records: z.array(z.object({ title: z.string(), at: z.number().int(), minutes: z.number().int(), source: z.enum(['attended', 'declared']) })),
      totalMinutes: z.number().int(),
      stars: z.number().int(),
      issuedAt: z.number().int(),
    }),
  },
  verifyCertificate: {
    summary: '公开验真：按编号确认证明由平台出具，显示证明上印的打码姓名与总时长；其中的时长后来被撤销时明确说明。',
    public: true,
    input: z.strictObject({ serial: z.string().trim().regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, { error: '证明编号格式不正确' }) }),
    output: z.object({
      valid: z.literal(true),
      /** The name as printed (masked), not the holder's current one. */
      holderName: z.string(),
      /** The total as printed. */
      totalMinutes: z.number().int(),
      stars: z.number().int(),
      issuedAt: z.number().int(),
      /** Minutes on the certificate whose approval was reversed after it was issued (0: all still stand). */
      reversedMinutes: z.number().int(),
      /** One plain sentence when hours on it were reversed; null otherwise. */
      notice: z.string().nullable(),
    }),
  },
})

export type CertificatesContract = typeof certificatesContract
