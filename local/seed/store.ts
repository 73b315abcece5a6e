/** What the seed needs of a store: the emulator's Store has this shape. */
export interface SeedStore {
  upsert(collection: string, doc: Record<string, unknown> & { _id: string }): void
  get(collection: string, id: string): Record<string, unknown> | null | undefined
}
