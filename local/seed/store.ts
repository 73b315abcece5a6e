/** What the seed needs of a store: the emulator's Store has this shape. */
export interface SeedStore {
  /** CloudBase refuses reads and writes of a collection nobody created: the seed creates every one first. */
  createCollections(names: Iterable<string>): void
  upsert(collection: string, doc: Record<string, unknown> & { _id: string }): void
  get(collection: string, id: string): Record<string, unknown> | null | undefined
}
