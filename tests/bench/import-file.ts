import { writeFileSync } from 'node:fs'
import { parse } from 'csv-parse'

/**
 * The bench's import file: the first `n` rows of a claim-log export (`body`) with claim_id and dispute_id
 * emptied, so they are new claims in disputes matched by title. Returns the rows written.
 */
export async function writeImportFile(
  body: ReadableStream<Uint8Array>,
  n: number,
  path: string,
): Promise<number> {
  const parser = parse({ bom: true, relax_column_count: false })
  const reader = (async () => {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      if (parser.destroyed) break
      // Wait for room, or for the reader below to have taken its rows and closed the parser.
      if (!parser.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            parser.off('drain', done)
            parser.off('close', done)
            resolve()
          }
          parser.once('drain', done)
          parser.once('close', done)
        })
    }
    parser.end()
  })()
  const lines: string[] = []
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  let header: string[] | null = null
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record
      lines.push(record.map(cell).join(','))
      continue
    }
    const row = [...record]
    row[header.indexOf('claim_id')] = ''
    row[header.indexOf('dispute_id')] = ''
    lines.push(row.map(cell).join(','))
    if (lines.length > n) break
  }
  await body.cancel().catch(() => {})
  parser.destroy()
  await reader.catch(() => {})
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return lines.length - 1
}
