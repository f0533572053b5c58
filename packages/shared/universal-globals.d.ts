// The few runtime globals packages/shared and packages/domain use that both browsers and Node
// provide (WHATWG URL). Their own type checks run without DOM and without Node types, so that
// neither can lean on one runtime; this file is in their tsconfig only, never imported, so the
// programs that do load DOM or Node types see those declarations instead.
declare class URL {
  constructor(url: string, base?: string | URL)
  readonly href: string
  readonly protocol: string
  readonly host: string
  readonly hostname: string
  readonly pathname: string
}
