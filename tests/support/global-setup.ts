import type { TestProject } from 'vitest/node'
import type { Engine } from '../../packages/db/src/index.ts'
import { startCluster } from './postgres-cluster.ts'
import { buildPostgresTemplates, buildTemplate, removeDbFile } from './template-db.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine the project's test files run on (vite.config.ts names it per project). */
    engine: Engine
    /** The seeded template: a SQLite file, or a PostgreSQL database URL. */
    templateDb: string
    emptyTemplateDb: string
    webDist: string
  }
}

/**
 * One migrated and seeded template database per run (demo data, and empty) on the project's engine; test
 * files copy (SQLite) or clone (PostgreSQL, in a throwaway cluster stopped afterwards) it instead of
 * seeding again.
 */
export default async function setup(project: TestProject) {
  project.provide('webDist', '')
  if (project.getProvidedContext().engine === 'postgres') {
    const cluster = await startCluster()
    try {
      const { demo, empty } = await buildPostgresTemplates(cluster)
      project.provide('templateDb', demo)
      project.provide('emptyTemplateDb', empty)
    } catch (err) {
      await cluster.stop()
      throw err
    }
    return () => cluster.stop()
  }
  const demo = await buildTemplate('template', 'demo')
  const empty = await buildTemplate('template-empty', 'none')
  project.provide('templateDb', demo)
  project.provide('emptyTemplateDb', empty)
  return () => {
    removeDbFile(demo)
    removeDbFile(empty)
  }
}
