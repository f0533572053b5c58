import type { TestProject } from 'vitest/node'
import { buildTemplate } from './template-db.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
    emptyTemplateDb: string
  }
}

export default async function setup(project: TestProject) {
  project.provide('templateDb', await buildTemplate('template', 'demo'))
  project.provide('emptyTemplateDb', await buildTemplate('template-empty', 'none'))
}
