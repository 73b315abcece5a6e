/** What createCollections needs of wx-server-sdk's database. */
export interface CollectionMaker {
  createCollection(name: string): Promise<unknown>
}

/**
 * Creates each named collection the environment lacks and leaves existing ones as they are:
 * CloudBase answers DATABASE_COLLECTION_NOT_EXIST to every read and write of a collection nobody
 * created. Returns the names it created. Any other failure stops it.
 */
export async function createCollections(db: CollectionMaker, names: readonly string[]): Promise<string[]> {
  const made: string[] = []
  for (const name of names) {
    try {
      await db.createCollection(name)
      made.push(name)
    } catch (e) {
      // wx-server-sdk keeps the reply's code on this error; the text is CloudBase's "Table exist".
      const err = e as { code?: string; errMsg?: string; message?: string }
      if (err.code === 'DATABASE_COLLECTION_ALREADY_EXIST' || /\[ResourceUnavailable\.ResourceExist\]/.test(String(err.errMsg ?? err.message))) continue
      throw e
    }
  }
  return made
}
