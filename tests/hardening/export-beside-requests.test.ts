import { describe, expect, it } from 'vitest'
import { httpClient, signIn } from '../support/http.ts'
import { spawnServer } from '../support/server.ts'
import { freshDatabase } from '../support/test-db.ts'

const ROWS = 20_000

/** A claim log of `ROWS` claims in the import's plainest form: a dispute, a claimant and the claim. */
function claimsFile(): string {
  const lines = ['dispute_title,claimant,claim_text']
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `Export beside requests ${i % 40},Speaker ${i % 97},"Claim ${i}, long enough to fill a row of the log"`,
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

describe('a CSV export read as fast as the server writes it', () => {
  it('leaves the server answering other requests while it streams', async () => {
    const server = await spawnServer({ database: await freshDatabase() })
    try {
      const send = httpClient(server.url)
      const cookie = await signIn(send, 'editor')
      const imported = await send('/api/claim-log/import', {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/csv' },
        body: claimsFile(),
      })
      expect(imported.status, await imported.clone().text()).toBe(200)

      const events: string[] = []
      const exported = await fetch(`${server.url}/api/claim-log.csv`, { headers: { cookie } })
      expect(exported.status).toBe(200)
      const reader = exported.body?.getReader()
      if (!reader) throw new Error('the export has no body')
      const first = await reader.read()
      expect(first.done).toBe(false)
      // While the rest streams, the server answers a health check: one that waited for the whole export
      // would come after its end.
      const health = fetch(`${server.url}/api/health`).then((res) => {
        events.push(`health ${res.status}`)
      })
      let bytes = first.value?.length ?? 0
      for (;;) {
        const next = await reader.read()
        if (next.done) break
        bytes += next.value.length
      }
      events.push('export ended')
      await health
      expect(bytes).toBeGreaterThan(ROWS * 50)
      expect(events).toEqual(['health 200', 'export ended'])
    } finally {
      await server.stop()
    }
  })
})
