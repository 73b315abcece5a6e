import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/**
 * Personal numbers (phone, ID, a guardian's phone) are stored encrypted (AES-256-GCM) for the rare
 * export that needs them, and as a keyed hash for look-ups; responses only ever carry a masked form.
 * The key is a deploy-time setting (`TQ_DATA_KEY`, 32 bytes as 64 hex characters); without it the
 * function refuses to handle personal data rather than fall back to a guessable key.
 */
export interface Secrets {
  encrypt(plain: string): string
  decrypt(blob: string): string
  /** A keyed hash: equal inputs give equal outputs, and nobody without the key can reverse it. */
  hash(value: string): string
}

export function secretsFromKey(hexKey: string): Secrets {
  if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error('TQ_DATA_KEY must be 64 hex characters')
  const key = Buffer.from(hexKey, 'hex')
  const hmacKey = createHmac('sha256', key).update('tq-hash-v1').digest()
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },
    decrypt(blob) {
      const [v, iv, tag, body] = blob.split('.')
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format')
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      d.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
    },
    hash(value) {
      return createHmac('sha256', hmacKey).update(value).digest('base64url')
    },
  }
}

let cached: { key: string; secrets: Secrets } | undefined

export function secretsFromEnv(): Secrets {
  const key = process.env.TQ_DATA_KEY ?? ''
  if (cached?.key !== key) cached = { key, secrets: secretsFromKey(key) }
  return cached.secrets
}
