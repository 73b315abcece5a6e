import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from './collections'
import type { Db, Tx } from './db'

/**
 * Every admin or cadre mutation writes one audit entry (DOMAIN.md invariant 7): who, what, target,
 * when. Written inside the mutation's own transaction where there is one, so a mutation and its
 * audit entry land together or not at all.
 */
export interface AuditEntry {
  target: { type: string; id: string }
  orgId: string | null
  orgPath: string[]
  detail?: Record<string, unknown>
}

export interface AuditDoc extends AuditEntry {
  _id: string
  at: number
  actor: string | null
  action: string
}

export class AuditTrail {
  written = 0

  constructor(
    private readonly actor: string | null,
    private readonly action: string,
    private readonly now: () => number,
  ) {}

  async write(into: Tx | Db, entry: AuditEntry): Promise<void> {
    const doc: AuditDoc = { _id: `aud_${randomUUID().replace(/-/g, '')}`, at: this.now(), actor: this.actor, action: this.action, ...entry }
    const { _id, ...rest } = doc
    await (into as Tx).collection(COLLECTIONS.auditLogs).doc(_id).set({ data: rest })
    this.written += 1
  }
}
