import 'i18next'
import type { resources } from './resources.ts'

// Keys are checked against the English catalogues: t('layout:nav.disputes') compiles, a misspelt key does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: (typeof resources)['en']
  }
}
