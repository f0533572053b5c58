import type { TestProject } from 'vitest/node'
import { buildTemplate, removeDbFile } from './template-db.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
    emptyTemplateDb: string
    webDist: string
  }
}

export default async function setup(project: TestProject) {
  const demo = await buildTemplate('template', 'demo')
  const empty = await buildTemplate('template-empty', 'none')
  project.provide('templateDb', demo)
  project.provide('emptyTemplateDb', empty)
  project.provide('webDist', '')
  return () => {
    removeDbFile(demo)
    removeDbFile(empty)
  }
}
