import { parseEntryRefs, parseLifecycle, parseReplacedBy } from './parse-lifecycle';

describe('parseLifecycle', () => {
  it.each([
    ['Accepted', 'accepted'],
    ['✅ Implemented (BUILD-169)', 'accepted'],
    ['Proposed', 'proposed'],
    ['Draft — under discussion', 'proposed'],
    ['Superseded', 'superseded'],
    ['⚠️ SUPERSEDED (2026-01-08) — Use `docs/CONFIG_GUIDE.md` for current setup', 'superseded'],
    ['Superseded by DEC-031', 'superseded'],
    ['Deprecated', 'deprecated'],
    ['Obsolete since the move to PostgreSQL', 'deprecated'],
    ['Rejected', 'rejected'],
    ['❌ Not adopted', 'rejected'],
    ['Accepted (superseded in part by DEC-040)', 'accepted'],
    ['✅', 'accepted'],
    ['❌', 'rejected'],
    ['⚠️', 'deprecated'],
    ['🔄', 'superseded'],
  ])('reads %s as %s', (status, lifecycle) => {
    expect(parseLifecycle(status)).toBe(lifecycle);
  });

  it.each([['✅ Complete'], ['⚠️ Identified - Will Be Fixed by BUILD-042'], ['Supersedes DEC-012'], ['100% Complete'], [undefined]])(
    'finds no lifecycle in %s (an emoji decides only a status without words)',
    (status) => {
      expect(parseLifecycle(status)).toBeUndefined();
    },
  );

  it('reads 🔄 In Progress as proposed, never as superseded', () => {
    expect(parseLifecycle('🔄 In Progress - Clarifying Integration Requirements')).toBe('proposed');
  });

  it('makes an entry that names its replacement superseded, unless it was rejected or deprecated', () => {
    expect(parseLifecycle('Accepted', true)).toBe('superseded');
    expect(parseLifecycle(undefined, true)).toBe('superseded');
    expect(parseLifecycle('Rejected', true)).toBe('rejected');
  });
});

describe('parseReplacedBy and parseEntryRefs', () => {
  it('finds the replacement a status names', () => {
    expect(parseReplacedBy('Superseded by DEC-031')).toBe('DEC-031');
    expect(parseReplacedBy('⚠️ replaced by: DEC-040 (2026-01-08)')).toBe('DEC-040');
    expect(parseReplacedBy('Superseded (2026-01-08) — use the config guide')).toBeUndefined();
    expect(parseReplacedBy('Accepted')).toBeUndefined();
  });

  it('lists the ids a line names, once each', () => {
    expect(parseEntryRefs('DEC-012, DEC-014 and DEC-012 again; see BUILD-153.1')).toEqual(['DEC-012', 'DEC-014', 'BUILD-153.1']);
    expect(parseEntryRefs('nothing here')).toBeUndefined();
    expect(parseEntryRefs(undefined)).toBeUndefined();
  });
});
