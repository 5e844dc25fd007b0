// The lint-staged entry and the hook line on their own: which globs an existing entry covers (so each project's
// ledgers are validated once), and how a hook this generator wrote before gains --verbose.
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { globCovers, withEntry, wireHook } from './wire-hook';

const VALIDATE = 'sot-sync validate --staged';

describe('withEntry', () => {
  it('adds an entry per project, joins an existing glob, and returns the same config when covered', () => {
    const one = withEntry({}, 'docs/**/*.md');
    expect(one).toEqual({ 'docs/**/*.md': VALIDATE });
    const two = withEntry(one, 'libs/a/**/*.md');
    expect(two).toEqual({ 'docs/**/*.md': VALIDATE, 'libs/a/**/*.md': VALIDATE });
    expect(withEntry(two, 'libs/a/**/*.md')).toBe(two);
    expect(withEntry({ 'libs/a/**/*.md': 'prettier --check' }, 'libs/a/**/*.md')).toEqual({ 'libs/a/**/*.md': ['prettier --check', VALIDATE] });
    // An entry for the same files that runs something else does not count.
    expect(withEntry({ '*.md': 'prettier --check' }, 'docs/**/*.md')).toEqual({ '*.md': 'prettier --check', 'docs/**/*.md': VALIDATE });
  });

  it.each([
    ['docs/**/*.md', 'docs/**/*.md', true],
    ['*.md', 'libs/a/**/*.md', true],
    ['**/*.md', 'libs/a/**/*.md', true],
    ['libs/**/*.md', 'libs/a/**/*.md', true],
    ['libs/**', 'libs/a/**/*.md', true],
    ['libs/a/**/*.md', 'libs/ab/**/*.md', false],
    ['docs/**/*.md', 'libs/a/**/*.md', false],
    ['libs/*/docs/**/*.md', 'libs/a/docs/**/*.md', false],
    ['libs/a/**/*.md', '**/*.md', false],
  ])('%p covers %p: %p', (pattern, glob, covers) => {
    expect(globCovers(pattern, glob)).toBe(covers);
  });
});

describe('the hook line', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });
  const hookAfter = (hook: string): string | null => {
    tree.write('.husky/pre-commit', hook);
    wireHook(tree, { ledgerGlob: 'docs/**/*.md', keepExistingVersions: true });
    return tree.read('.husky/pre-commit', 'utf-8');
  };
  const HEADER = '# Blocks a commit whose staged ledgers have errors (sot-sync validate --staged, through lint-staged).\n';

  it('upgrades the lines this generator wrote before to --verbose', () => {
    expect(hookAfter(`${HEADER}lint-staged --diff-filter=ACMRD\n`)).toBe(`${HEADER}lint-staged --verbose --diff-filter=ACMRD\n`);
    expect(hookAfter(`${HEADER}lint-staged\n`)).toBe(`${HEADER}lint-staged --verbose\n`);
  });

  it('leaves a hook the user wrote that runs lint-staged, with or without --verbose', () => {
    expect(hookAfter('npx lint-staged\n')).toBe('npx lint-staged\n');
    expect(hookAfter('lint-staged\n')).toBe('lint-staged\n');
    expect(hookAfter('lint-staged -v --concurrent false\n')).toBe('lint-staged -v --concurrent false\n');
  });
});
