import { describe, expect, it } from 'vitest'
import { formatSize, importCountsInWords, importTypeOfFile, importTypeOfText } from './import-body.ts'

describe('importTypeOfFile', () => {
  it('goes by the extension first, whatever the browser calls the file', () => {
    expect(importTypeOfFile({ name: 'afp.html', type: 'text/html' })).toBe('text/html')
    expect(importTypeOfFile({ name: 'PAGE.HTM', type: '' })).toBe('text/html')
    expect(importTypeOfFile({ name: 'feed.jsonld', type: '' })).toBe('application/ld+json')
    expect(importTypeOfFile({ name: 'feed.json', type: 'application/octet-stream' })).toBe('application/json')
  })

  it('falls back to the media type, and refuses what is none of the three', () => {
    expect(importTypeOfFile({ name: 'download', type: 'text/html; charset=utf-8' })).toBe('text/html')
    expect(importTypeOfFile({ name: 'download', type: 'application/ld+json' })).toBe('application/ld+json')
    expect(importTypeOfFile({ name: 'download', type: 'application/json' })).toBe('application/json')
    expect(importTypeOfFile({ name: 'notes.txt', type: 'text/plain' })).toBeNull()
    expect(importTypeOfFile({ name: 'photo.png', type: 'image/png' })).toBeNull()
  })
})

describe('importTypeOfText', () => {
  it('reads a page as HTML, JSON-LD by its keywords, the rest as JSON', () => {
    expect(importTypeOfText('  \n<!DOCTYPE html><html>')).toBe('text/html')
    expect(importTypeOfText('<script type="application/ld+json">{}</script>')).toBe('text/html')
    expect(importTypeOfText('{"@context": "https://schema.org", "@type": "ClaimReview"}')).toBe(
      'application/ld+json',
    )
    expect(importTypeOfText('[{"@type":"ClaimReview"}]')).toBe('application/ld+json')
    expect(importTypeOfText('{"url": "https://example.org"}')).toBe('application/json')
    expect(importTypeOfText('')).toBe('application/json')
  })
})

describe('words', () => {
  it('says sizes and counts as people read them', () => {
    expect(formatSize(1)).toBe('1 byte')
    expect(formatSize(812)).toBe('812 bytes')
    expect(formatSize(2400)).toBe('2.4 KB')
    expect(formatSize(3_100_000)).toBe('3.1 MB')
    expect(
      importCountsInWords({
        created: 3,
        updated: 1,
        unchanged: 0,
        skipped: [
          { index: 1, reason: 'a' },
          { index: 4, reason: 'b' },
        ],
      }),
    ).toBe('3 new, 1 updated, 0 unchanged; 2 skipped')
  })
})
