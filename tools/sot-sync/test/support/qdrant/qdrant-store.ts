// In-memory Qdrant state: collections by name plus the alias table; every collection lookup resolves aliases.
import type { AliasAction, CreateCollectionBody } from './qdrant-api-types';
import { QdrantCollection } from './qdrant-collection';
import { alreadyExists, collectionNotFound, notFound, wrongInput } from './qdrant-http-error';

export interface AliasJson {
  alias_name: string;
  collection_name: string;
}

export class QdrantStore {
  private collections = new Map<string, QdrantCollection>();
  private aliases = new Map<string, string>();

  collectionNames(): string[] {
    return [...this.collections.keys()].sort();
  }

  /** The collection behind a name or an alias; 404 as Qdrant words it otherwise. */
  resolve(nameOrAlias: string): QdrantCollection {
    const collection = this.collections.get(this.aliases.get(nameOrAlias) ?? nameOrAlias);
    if (!collection) throw collectionNotFound(nameOrAlias);
    return collection;
  }

  exists(nameOrAlias: string): boolean {
    return this.collections.has(this.aliases.get(nameOrAlias) ?? nameOrAlias);
  }

  /** Creation never goes through an alias; a name taken by a collection or an alias is a 409. */
  create(name: string, body: CreateCollectionBody): void {
    if (this.collections.has(name)) throw alreadyExists(`Collection \`${name}\` already exists!`);
    if (this.aliases.has(name)) throw alreadyExists(`Alias with name \`${name}\` already exists!`);
    if (!/^[^<>:"/\\|?*\0]{1,255}$/.test(name)) throw wrongInput(`Collection name \`${name}\` is not allowed`);
    this.collections.set(name, new QdrantCollection(name, body));
  }

  /** Qdrant answers `false` (not 404) for a missing collection, and drops the aliases pointing at a deleted one. */
  delete(name: string): boolean {
    if (!this.collections.delete(name)) return false;
    for (const [alias, target] of this.aliases) if (target === name) this.aliases.delete(alias);
    return true;
  }

  /**
   * Applies alias actions all-or-nothing: they run against a copy that replaces the table only when every
   * action succeeded, so no reader ever sees a half-switched alias.
   */
  changeAliases(actions: readonly AliasAction[]): void {
    const next = new Map(this.aliases);
    for (const action of actions) this.applyAliasAction(next, action);
    this.aliases = next;
  }

  /** Aliases, optionally only those of one collection (given by name or alias). */
  listAliases(nameOrAlias?: string): AliasJson[] {
    const target = nameOrAlias === undefined ? undefined : this.resolve(nameOrAlias).name;
    return [...this.aliases]
      .filter(([, collection]) => target === undefined || collection === target)
      .map(([alias_name, collection_name]) => ({ alias_name, collection_name }))
      .sort((a, b) => a.alias_name.localeCompare(b.alias_name));
  }

  reset(): void {
    this.collections = new Map();
    this.aliases = new Map();
  }

  private applyAliasAction(table: Map<string, string>, action: AliasAction): void {
    if (action.create_alias) {
      const { alias_name: alias, collection_name: collection } = action.create_alias;
      if (!this.collections.has(collection)) throw collectionNotFound(collection);
      if (this.collections.has(alias)) throw alreadyExists(`Collection \`${alias}\` already exists!`);
      table.set(alias, collection);
    } else if (action.delete_alias) {
      const alias = action.delete_alias.alias_name;
      if (!table.delete(alias)) throw notFound(`Alias ${alias} does not exists!`);
    } else if (action.rename_alias) {
      const { old_alias_name: from, new_alias_name: to } = action.rename_alias;
      const collection = table.get(from);
      if (collection === undefined) throw notFound(`Alias ${from} does not exists!`);
      table.delete(from);
      table.set(to, collection);
    } else {
      throw wrongInput('Unknown alias action');
    }
  }
}
