// Pure: the names a new sot-sync.config.json gets (project id, Qdrant collection, SQLite file), derived from the
// workspace and the project, so two repositories never share sot-sync's own defaults (issue 10, item 6).
import * as path from 'node:path';

/** The default project of the generator; its ledgers get the workspace's name alone. */
export const DEFAULT_PROJECT = 'docs';

/** What the config schema accepts as projectId (executors/sync/schema.json). */
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface DerivedNames {
  projectId: string;
  qdrantCollection: string;
  /** The SQLite file, at the workspace root. */
  databaseFile: string;
}

/**
 * `<workspace>` for the default docs project, `<workspace>-<project>` for any other. The workspace is the root
 * package.json name without its scope, except Nx's own default `@org/source` (create-nx-workspace), which would
 * make every such workspace `source`: there the scope is the name. Without a usable name, the workspace's folder.
 */
export function deriveNames(input: { packageName?: unknown; workspaceDir: string; project: string; projectId?: string }): DerivedNames {
  const projectId = input.projectId ?? withProject(workspaceName(input.packageName, input.workspaceDir), input.project);
  return { projectId, qdrantCollection: `${projectId}_sot_docs`, databaseFile: `${projectId}.db` };
}

function workspaceName(packageName: unknown, workspaceDir: string): string {
  const match = typeof packageName === 'string' ? /^(?:@([^/]+)\/)?(.+)$/.exec(packageName.trim()) : null;
  const [, scope, name] = match ?? [];
  const fromPackage = sanitize(name === 'source' && scope ? scope : (name ?? ''));
  return fromPackage || sanitize(path.basename(workspaceDir)) || 'workspace';
}

function withProject(workspace: string, project: string): string {
  if (project === DEFAULT_PROJECT) return workspace;
  const suffix = sanitize(project);
  return suffix ? `${workspace}-${suffix}` : workspace;
}

/** Characters outside [A-Za-z0-9_.-] become `-`; leading and trailing separators go. Empty when nothing is left. */
function sanitize(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[-_.]+$/, '');
  return PROJECT_ID.test(cleaned) ? cleaned : '';
}
