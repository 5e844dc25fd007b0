// Mirrors schema.json (a spec fails when they drift).

export interface InitGeneratorSchema {
  project?: string;
  projectId?: string;
  addPlugin?: boolean;
  tidyTarget?: string;
  skipHook?: boolean;
  keepExistingVersions?: boolean;
  skipFormat?: boolean;
}
