// Pure: the one map from a file system error (errno code) to words a person can act on. The gateways that touch the
// disk (lease files, the database path, report files) turn what it explains into their contract's exit code (D8).

/** The errno codes an operator can fix, each with what it means and what to do. */
const EXPLAINED: Record<string, (path: string) => string> = {
  ENOSPC: () => 'no space left on the device (ENOSPC): free space on that disk, or move the workspace',
  EDQUOT: () => 'the disk quota is exhausted (EDQUOT): free space or raise the quota',
  EROFS: () => 'the file system is read-only (EROFS): run from a writable checkout',
  EACCES: () => 'permission denied (EACCES): give this user write access, or run as the owner of the workspace',
  EPERM: () => 'operation not permitted (EPERM): check the permissions and attributes of the path',
  EISDIR: (path) => `${path} is a directory (EISDIR): remove or rename it, or fix the path`,
  // mkdir -p answers EEXIST or ENOTDIR when a part of the path is a regular file.
  EEXIST: (path) => `${path} exists and is not a directory (EEXIST): a part of the path is a regular file; rename it or fix the path`,
  ENOTDIR: (path) => `a part of ${path} is a regular file, not a directory (ENOTDIR): rename it or fix the path`,
  ENAMETOOLONG: () => 'the path is too long (ENAMETOOLONG): use a shorter path',
  ELOOP: () => 'too many symbolic links (ELOOP): a symlink in the path points at itself',
  EMFILE: () => 'too many open files (EMFILE): raise the limit (ulimit -n)',
  EIO: () => 'an input/output error (EIO): the disk or network file system failed; check it',
};

/**
 * `cannot <doing> <path>: <what happened>; <the fix>` for a Node fs error with one of the codes above, else null
 * (an unknown error is a bug and stays one). `path` defaults to the path the error names.
 */
export function explainFsError(error: unknown, doing: string, path?: string): string | null {
  const code = codeOf(error);
  const explain = code === undefined ? undefined : EXPLAINED[code];
  if (!explain) return null;
  const where = path ?? ((error as { path?: unknown }).path as string | undefined) ?? 'the path';
  return `cannot ${doing} ${where}: ${explain(((error as { path?: unknown }).path as string | undefined) ?? where)}`;
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
