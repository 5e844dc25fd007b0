// Mirrors schema.json (a spec fails when they drift).

export interface TidyExecutorSchema {
  check?: boolean;
  root?: string;
  docsDir?: string;
  lockTimeout?: number;
}
