// What an entry heading says after its id, and ledger dates as ISO strings.
import { fc, test } from '@fast-check/jest';
import { normalizeLedgerDate, parseHeadingFields } from './parse-heading';

describe('parseHeadingFields', () => {
  it.each([
    [' | 2026-01-16 | Lease files', { date: '2026-01-16', title: 'Lease files' }],
    [' | 2025-12-28T18:30 | Tooling | Faster checks', { date: '2025-12-28T18:30:00Z', category: 'Tooling', title: 'Faster checks' }],
    [' | Tooling | 2026-01-01 | Date in the middle', { date: '2026-01-01', category: 'Tooling', title: 'Date in the middle' }],
    [' | 2026-01-01 | A | B | C', { date: '2026-01-01', category: 'A', title: 'B | C' }],
    [' | Title only | more', { title: 'Title only | more' }],
    [': Token telemetry (2026-01-02) ✅ COMPLETE', { date: '2026-01-02', title: 'Token telemetry (2026-01-02) ✅ COMPLETE' }],
    [': Title (2026-01-02T10:30) done', { date: '2026-01-02T10:30:00Z', title: 'Title (2026-01-02T10:30) done' }],
    [' Follow-up: Deployment hardening', { title: 'Follow-up: Deployment hardening' }],
    [' — Em dash title', { title: 'Em dash title' }],
    [' - Hyphen title', { title: 'Hyphen title' }],
    [': Not a date (2026-02-30)', { title: 'Not a date (2026-02-30)' }],
    ['', { title: '' }],
    [' | 2026-01-01 |', { date: '2026-01-01', title: '' }],
  ])('reads %j', (rest, fields) => {
    expect(parseHeadingFields(rest)).toEqual(fields);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])('always returns a trimmed title', (rest) => {
    const { title } = parseHeadingFields(rest);
    expect(typeof title).toBe('string');
    expect(title).toBe(title.trim());
  });
});

describe('normalizeLedgerDate', () => {
  it.each([
    ['2026-01-08', '2026-01-08'],
    [' 2026-01-08 ', '2026-01-08'],
    ['2024-02-29', '2024-02-29'],
    ['2025-12-28T18:30', '2025-12-28T18:30:00Z'],
    ['2025-12-28 18:30', '2025-12-28T18:30:00Z'],
    ['2025-12-28T18:30:05', '2025-12-28T18:30:05Z'],
    ['2025-12-28T18:30:05.123Z', '2025-12-28T18:30:05Z'],
    ['2025-12-28T23:59Z', '2025-12-28T23:59:00Z'],
  ])('reads %j as %j', (text, iso) => {
    expect(normalizeLedgerDate(text)).toBe(iso);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-8',
    '2026-01-08T24:00',
    '2026-01-08T10:60',
    '2026-01-08T10:30+02:00',
    'January 8, 2026',
    '08/01/2026',
    '',
  ])('gives null for %j', (text) => {
    expect(normalizeLedgerDate(text)).toBeNull();
  });

  it('gives null for seconds past 59', () => {
    expect(normalizeLedgerDate('2026-01-08T10:00:60')).toBeNull();
    expect(normalizeLedgerDate('2026-01-08T10:00:99')).toBeNull();
  });

  test.prop([fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })])(
    'gives back the ISO form of any real date-time, read as UTC',
    (date) => {
      const iso = date.toISOString().slice(0, 19);
      expect(normalizeLedgerDate(iso)).toBe(`${iso}Z`);
      expect(normalizeLedgerDate(iso.slice(0, 10))).toBe(iso.slice(0, 10));
    },
  );
});
