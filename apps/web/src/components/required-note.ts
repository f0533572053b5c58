import { type ChangeEvent, useRef, useState } from 'react'

/**
 * A note a person must write before an action goes ahead (returning a draft, turning a proposal down,
 * withdrawing a fact check): its text, and the Field props that show it and say so when it is missing.
 */
export function useRequiredNote(missingMessage: string) {
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const ref = useRef<HTMLTextAreaElement>(null)
  return {
    ref,
    /** The note without surrounding blanks, or null when it is empty: the field then says so and takes focus. */
    take(): string | null {
      const text = note.trim()
      if (text) return text
      setMissing(true)
      ref.current?.focus()
      return null
    },
    /** Forgets that the note was missing, when the form is put away. */
    dismiss: () => setMissing(false),
    /** Spread into the note's Field. */
    field: {
      ref,
      value: note,
      problem: missing ? missingMessage : null,
      onChange: (event: ChangeEvent<HTMLTextAreaElement>) => {
        setNote(event.target.value)
        if (event.target.value.trim()) setMissing(false)
      },
    },
  }
}
