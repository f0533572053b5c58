import {
  type ComponentProps,
  createContext,
  type ReactNode,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react'
import { fieldProblems, isUnder } from './field-problems.ts'
import './field.css'

type Register = (path: string, label: string) => () => void

const RegisterContext = createContext<Register | null>(null)
const LabelsContext = createContext<ReadonlyMap<string, string>>(new Map())

/**
 * The fields of one form (or of a part of a form that sends its own request), so that a validation failure
 * is shown once: under the field it names, by the field's label, and only what no field shows is listed by
 * the form's ActionError.
 */
export function FieldScope({ children }: { children: ReactNode }) {
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(() => new Map())
  const register = useMemo<Register>(
    () => (path, label) => {
      setLabels((prev) => new Map(prev).set(path, label))
      return () =>
        setLabels((prev) => {
          const next = new Map(prev)
          next.delete(path)
          return next
        })
    },
    [],
  )
  return (
    <RegisterContext.Provider value={register}>
      <LabelsContext.Provider value={labels}>{children}</LabelsContext.Provider>
    </RegisterContext.Provider>
  )
}

/** A form whose fields show their own problems: a `<form>` (every attribute passes through) in a FieldScope. */
export function Form(props: ComponentProps<'form'>) {
  return (
    <FieldScope>
      <form {...props} />
    </FieldScope>
  )
}

/** The labels of the fields in the enclosing scope, by request path (for ActionError). */
export function useFieldLabels(): ReadonlyMap<string, string> {
  return useContext(LabelsContext)
}

interface Common {
  /** What the field is called; problems are said in words that start with it ("Title must not be empty."). */
  label: string
  /** Words after the label, with their leading space, that problems do not repeat: " (required)". */
  labelNote?: ReactNode
  /** The field's name in the request body, as the API's validation details name it. */
  path?: string
  /** The last request's failure: its validation details for `path` are shown under the field. */
  error?: Error | null
  /** A problem found before anything was sent, in the form's own words. */
  problem?: string | null
  hint?: ReactNode
  /** Beside the label: a Write/Preview toggle, say. */
  aside?: ReactNode
  /** Under the control, before the hint: a preview, say. */
  after?: ReactNode
  /** On the wrapper: a grid placement such as span-2. */
  className?: string
}

/** Text a person types has a length the contract allows: the control takes it from LIMITS. */
type TextInput = { as?: 'input'; type?: 'text' | 'email' | 'password' | 'url' | 'search'; maxLength: number }
type OtherInput = { as?: 'input'; type: 'date' | 'number'; maxLength?: never }

export type FieldProps = Common &
  (
    | (TextInput & Omit<ComponentProps<'input'>, 'id' | 'type' | 'maxLength'>)
    | (OtherInput & Omit<ComponentProps<'input'>, 'id' | 'type' | 'maxLength'>)
    | ({ as: 'textarea'; maxLength: number } & Omit<ComponentProps<'textarea'>, 'id' | 'maxLength'>)
    | ({ as: 'select' } & Omit<ComponentProps<'select'>, 'id'>)
    | { as: 'group'; children: ReactNode }
  )

/**
 * The one way a form shows a field: label, control (an input, or a textarea, a select, or a group of
 * controls under a legend), hint, and what is wrong with it: the server's validation details for its path,
 * by its label, or a problem the form found before sending.
 */
export function Field(props: FieldProps) {
  const { label, labelNote, path, error, problem, hint, aside, after, className, ...control } = props
  const id = useId()
  const register = useContext(RegisterContext)
  useLayoutEffect(() => (register && path ? register(path, label) : undefined), [register, path, label])

  const problems = path ? fieldProblems(error ?? null).filter((p) => isUnder(p.path, path)) : []
  const message = [problem, ...problems.map((p) => `${label} ${p.message}.`)].filter(Boolean).join(' ')
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const own = 'aria-describedby' in control ? control['aria-describedby'] : undefined
  const describedBy =
    [own ?? '', hint ? hintId : '', message ? errorId : ''].filter(Boolean).join(' ') || undefined
  const invalid = message ? true : undefined
  const fullLabel = labelNote ? (
    <>
      {label}
      {labelNote}
    </>
  ) : (
    label
  )

  const below = (
    <>
      {after}
      {message ? (
        <p id={errorId} className="field-error">
          {message}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </>
  )

  if (control.as === 'group') {
    return (
      <fieldset className={className} aria-describedby={describedBy}>
        <legend>{fullLabel}</legend>
        {control.children}
        {below}
      </fieldset>
    )
  }

  const a11y = { id, 'aria-invalid': invalid, 'aria-describedby': describedBy }
  let input: ReactNode
  if (control.as === 'textarea') {
    const { as: _as, ...rest } = control
    input = <textarea {...rest} {...a11y} />
  } else if (control.as === 'select') {
    const { as: _as, ...rest } = control
    input = <select {...rest} {...a11y} />
  } else {
    const { as: _as, ...rest } = control
    input = <input {...rest} {...a11y} />
  }
  const labelElement = <label htmlFor={id}>{fullLabel}</label>
  return (
    <div className={className ? `form-field ${className}` : 'form-field'}>
      {aside ? (
        <div className="field-head">
          {labelElement}
          {aside}
        </div>
      ) : (
        labelElement
      )}
      {input}
      {below}
    </div>
  )
}
