import './marked-text.css'

/**
 * Text cut into plain and matching parts (a search snippet, a match's words), the matching parts marked.
 * The parts are rendered as text, never read as HTML.
 */
export function MarkedText({ parts }: { parts: readonly { text: string; match: boolean }[] }) {
  let offset = 0
  return (
    <span className="marked-text">
      {parts.map((part) => {
        const key = offset
        offset += part.text.length
        return part.match ? <mark key={key}>{part.text}</mark> : <span key={key}>{part.text}</span>
      })}
    </span>
  )
}
