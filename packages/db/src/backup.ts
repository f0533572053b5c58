import Database from 'better-sqlite3'

/**
 * Copies the database at `source` to the new file `copy` with SQLite's online backup, then runs
 * PRAGMA integrity_check on the copy; returns what the check reports ('ok' when the copy is sound).
 */
export async function backupDatabase(source: string, copy: string): Promise<string> {
  const db = new Database(source, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 10000')
    // All pages in one step: one read transaction, so the copy is one consistent moment even
    // while the server writes (smaller steps would restart whenever it commits).
    await db.backup(copy, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
  const check = new Database(copy, { readonly: true, fileMustExist: true })
  try {
    const rows = check.pragma('integrity_check') as Array<{ integrity_check: string }>
    return rows.map((r) => r.integrity_check).join('\n')
  } finally {
    check.close()
  }
}
