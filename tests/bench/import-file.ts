import { writeFileSync } from 'node:fs'
import { parse } from 'csv-parse'

/**
 * The bench's import file: the first `n` rows of a claim-log export (`body`) with claim_id and dispute_id
 * emptied, so they are new claims in disputes matched by title, and no more rows than fit in `maxBytes`
 * (the import's body limit: since the export gained its quantities and public_url columns, 100,000 bench
 * rows take about 59 MiB). Returns the rows written.
 */
export async function writeImportFile(
  body: ReadableStream<Uint8Array>,
  n: number,
  path: string,
  maxBytes = Number.POSITIVE_INFINITY,
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
  let bytes = 0
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record
      lines.push(record.map(cell).join(','))
      bytes += Buffer.byteLength(lines[0] ?? '') + 2
      continue
    }
    const row = [...record]
    row[header.indexOf('claim_id')] = ''
    row[header.indexOf('dispute_id')] = ''
    const line = row.map(cell).join(',')
    bytes += Buffer.byteLength(line) + 2
    if (bytes > maxBytes) break
    lines.push(line)
    if (lines.length > n) break
  }
  await body.cancel().catch(() => {})
  parser.destroy()
  await reader.catch(() => {})
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return lines.length - 1
}
