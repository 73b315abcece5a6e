/** Collection names, in one place; `database/indexes.json` declares the same names (a test checks). */
export const COLLECTIONS = {
  profiles: 'profiles',
  orgs: 'orgs',
  roles: 'roles',
  invites: 'invites',
  inviteRedemptions: 'invite_redemptions',
  auditLogs: 'audit_logs',
  settings: 'settings',
  activities: 'activities',
  participations: 'participations',
  declarations: 'declarations',
  scans: 'scans',
  hourTotals: 'hour_totals',
  certificates: 'certificates',
  accounts: 'accounts',
  ledgerEntries: 'ledger_entries',
  identityClaims: 'identity_claims',
  hourDays: 'hour_days',
  outbox: 'outbox_messages',
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
