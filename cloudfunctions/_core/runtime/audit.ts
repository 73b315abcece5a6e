import { randomUUID } from 'node:crypto'
import { COLLECTIONS } from './collections'
import type { Db, Tx } from './db'

/**
 * Every admin or cadre mutation writes one audit entry (docs/domain.md invariant 7): who, what, target,
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
  /** One id per action call: a transaction retried after a conflict rewrites the same entry. */
  private readonly id = `aud_${randomUUID().replace(/-/g, '')}`
  private readonly entries = new Set<string>()

  constructor(
    private readonly actor: string | null,
    private readonly action: string,
    private readonly now: () => number,
  ) {}

  /** How many distinct entries this call wrote; the runtime insists on one for audited actions. */
  get written(): number {
    return this.entries.size
  }

  /** True when the call only answered a retry of an earlier one, whose entry is already written. */
  replayed = false

  /** Marks the call as a replay: it changed nothing, so it writes no entry. */
  replay(): void {
    this.replayed = true
  }

  /** True once the call's entries are written without the actor (`anonymous()`). */
  private withoutActor = false

  /**
   * Writes this call's entry without its actor: the act of someone promised anonymity (the author
   * of an anonymous opinion rating its reply) is on record as done, never as done by whom.
   */
  anonymous(): void {
    this.withoutActor = true
  }

  async write(into: Tx | Db, entry: AuditEntry): Promise<void> {
    await this.put(into, entry)
    this.entries.add(JSON.stringify(entry))
  }

  /**
   * Replaces this call's one entry with a fuller one: a batch grows its entry inside each item's own
   * transaction, so no item lands without being on record, and the call still writes one entry.
   */
  async rewrite(into: Tx | Db, entry: AuditEntry): Promise<void> {
    await this.put(into, entry)
    this.entries.clear()
    this.entries.add(JSON.stringify(entry))
  }

  private async put(into: Tx | Db, entry: AuditEntry): Promise<void> {
    const doc: Omit<AuditDoc, '_id'> = { at: this.now(), actor: this.withoutActor ? null : this.actor, action: this.action, ...entry }
    await (into as Tx).collection(COLLECTIONS.auditLogs).doc(this.id).set({ data: doc })
  }
}
