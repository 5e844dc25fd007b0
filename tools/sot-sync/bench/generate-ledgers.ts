// Bench support: synthetic ledgers shaped like the real ones (docs/ of the 2026-01-08 corpus), about 1 KB per entry.
// Pure: a size in, markdown texts and the exact counts a sync must report out. The bench writes them to a temp dir.
import { dayBefore, seededRandom, words, type Words } from './synthetic-text';

export interface LedgerFile {
  /** File name inside docs/. */
  name: string;
  text: string;
  /** Entries the parser must find (unique ids: a multi-part build counts once). */
  entries: number;
}

export interface SyntheticLedgers {
  files: LedgerFile[];
  entries: number;
  /** Entries whose content differs between the plain and the edited variant (exactly 1%, rounded down per ledger). */
  edited: number;
  bytes: number;
}

/** Which entries the edited variant changes: every 100th, so exactly 1% of each ledger. */
export const isEditedEntry = (i: number): boolean => i % 100 === 37;

interface Kind {
  name: string;
  prefix: string;
  share: number;
  head: string;
  indexHeader: string;
  sectionsHeading: string;
  row(id: string, i: number, w: Words, edited: boolean): string;
  section(id: string, i: number, w: Words, edited: boolean): string[];
  /** True for entries that have only an INDEX row (as many older entries of the real ledgers do). */
  indexOnly(i: number): boolean;
}

/**
 * `total` entries split 60/15/25 over builds, decisions and debug sessions; `edited` changes 1% of each. `detail`
 * adds that many paragraphs to each section, for entries as long as the real ledgers' (about 2.4 KB each).
 */
export function generateLedgers(total: number, options: { edited: boolean; detail?: number }): SyntheticLedgers {
  const kinds = [buildKind, decisionKind, debugKind];
  const counts = kinds.map((kind) => Math.round(total * kind.share));
  counts[0] = total - (counts[1] as number) - (counts[2] as number);
  const files = kinds.map((kind, k) => renderLedger(kind, counts[k] as number, options.edited, 1000 + k, options.detail ?? 0));
  const edited = counts.reduce((sum, n) => sum + Array.from({ length: n }, (_, i) => i).filter(isEditedEntry).length, 0);
  return { files, entries: total, edited, bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) };
}

function renderLedger(kind: Kind, count: number, edited: boolean, seed: number, detail: number): LedgerFile {
  const w = words(seededRandom(seed));
  const ids = Array.from({ length: count }, (_, i) => formatId(kind.prefix, count - i, i));
  const rows: string[] = [];
  const sections: string[] = [];
  ids.forEach((id, i) => {
    const edit = edited && isEditedEntry(i);
    rows.push(kind.row(id, i, w, edit && kind.indexOnly(i)));
    if (kind.indexOnly(i)) return;
    sections.push(...kind.section(id, i, w, edit));
    if (detail > 0) sections.push('#### Details', '', ...Array.from({ length: detail }, () => `${w.paragraph(4)}\n`));
  });
  const text = [
    kind.head,
    '',
    '<!-- AUTO-GENERATED SUMMARY - DO NOT EDIT MANUALLY -->',
    `**Summary**: ${count} ${kind.name} documented | Last updated: 2026-01-08 12:36:53`,
    '<!-- END AUTO-GENERATED SUMMARY -->',
    '',
    '<!-- META\nLast_Updated: 2026-01-08T12:36:53.047464Z\nFormat_Version: 2.0\nAuto_Generated: False\n-->',
    '',
    '## INDEX (Chronological - Most Recent First)',
    kind.indexHeader,
    ...rows,
    '',
    kind.sectionsHeading,
    '',
    ...sections,
  ].join('\n');
  return {
    name: kind.head.startsWith('# Build') ? 'BUILD_HISTORY.md' : kind.prefix === 'DEC' ? 'ARCHITECTURE_DECISIONS.md' : 'DEBUG_LOG.md',
    text,
    entries: count,
  };
}

/** Ids count down (newest first); every 50th build is a dotted sub-build (`BUILD-146.1`), decisions are padded. */
function formatId(prefix: string, n: number, i: number): string {
  if (prefix === 'BUILD') return i % 50 === 20 ? `BUILD-${n}.1` : `BUILD-${n}`;
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

const REVISION = ' Revised after review: the follow-up closes the remaining gap.';

const buildKind: Kind = {
  name: 'build entries',
  prefix: 'BUILD',
  share: 0.6,
  head: '# Build History - Implementation Log\n',
  indexHeader: '| Timestamp | BUILD-ID | Phase | Summary | Files Changed |\n|-----------|----------|-------|---------|---------------|',
  sectionsHeading: '## BUILDS (Reverse Chronological)',
  indexOnly: (i) => i % 10 === 3,
  row(id, i, w, edited) {
    const summary = `**${w.title()}**: ${w.paragraph(w.int(2, 4))}${edited ? REVISION : ''} Files: ${w.path()}, ${w.path()}`;
    return `| ${dayBefore(i)} | ${id} | ${w.title()} (100% COMPLETE) | ${summary} | ${w.int(1, 9)} |`;
  },
  section(id, i, w, edited) {
    const heading = `### ${id} | ${dayBefore(i)}T${String(w.int(0, 23)).padStart(2, '0')}:${String(w.int(0, 59)).padStart(2, '0')} | ${w.area()} | ${w.title()}`;
    const body = [
      heading,
      '**Status**: ✅ Implemented (manual)',
      `**Category**: ${w.area()} / ${w.area()}`,
      '',
      '**Problem**:',
      `- ${w.sentence(8, 18)}${edited ? REVISION : ''}`,
      `- Root cause: \`${w.path()}\` ${w.sentence(6, 12).toLowerCase()}`,
      '',
      '**Fix**:',
      `- ${w.sentence(8, 16)}`,
      ...(i % 4 === 1 ? fence(w) : []),
      '',
      '#### Files Modified',
      `- \`${w.path()}\``,
      `- \`${w.path()}\``,
      '',
      '---',
      '',
    ];
    // Every 100th build has a second part further on, as `BUILD-146 Phase A P17.x` does: the parts form one entry.
    if (i % 100 !== 50) return body;
    return [...body, `### ${id} Follow-up | ${dayBefore(i)} | ${w.area()} | ${w.title()}`, '**Status**: ✅ Implemented', '', w.paragraph(2), '', '---', ''];
  },
};

/** A bash block with comment lines that look like headings outside a fence. */
function fence(w: Words): string[] {
  return [
    '',
    '```bash',
    `# ${w.sentence(4, 8)}`,
    `PYTHONPATH=src python ${w.path()} --batch-size ${w.int(10, 90)} \\`,
    `  --max-total-minutes ${w.int(5, 60)}`,
    '# rerun with --strict when it fails',
    '```',
  ];
}

const decisionKind: Kind = {
  name: 'decisions',
  prefix: 'DEC',
  share: 0.15,
  head: '# Architecture Decisions - Design Rationale\n',
  indexHeader: '| Timestamp | DEC-ID | Decision | Status | Impact |\n|-----------|--------|----------|--------|--------|',
  sectionsHeading: '## DECISIONS (Reverse Chronological)',
  indexOnly: (i) => i % 5 === 4,
  row(id, i, w, edited) {
    return `| ${dayBefore(i)} | ${id} | ${w.title()} (${w.noun()} policy) | ✅ Implemented | ${w.sentence(8, 14)}${edited ? REVISION : ''} |`;
  },
  section(id, i, w, edited) {
    return [
      `### ${id} | ${dayBefore(i)} | ${w.title()}`,
      '',
      '**Status**: ✅ Implemented',
      `**Build**: BUILD-${w.int(1, 999)}`,
      `**Context**: ${w.paragraph(2)}`,
      '',
      '#### Decision',
      `${w.paragraph(2)}${edited ? REVISION : ''}`,
      '',
      '#### Consequences',
      `- ${w.sentence(8, 14)}`,
      `- ${w.sentence(8, 14)}`,
      '',
    ];
  },
};

const STUB = '**Note**: This is a stub section generated from INDEX table entry. Full details to be added in future documentation updates.';

const debugKind: Kind = {
  name: 'debug sessions',
  prefix: 'DBG',
  share: 0.25,
  head: '# Debug Log - Problem Solving History\n',
  indexHeader: '| Timestamp | DBG-ID | Severity | Summary | Status |\n|-----------|--------|----------|---------|--------|',
  sectionsHeading: '## DEBUG ENTRIES (Reverse Chronological)',
  indexOnly: (i) => i % 10 === 7,
  row(id, i, w, edited) {
    return `| ${dayBefore(i)} | ${id} | ${w.pick(['LOW', 'MEDIUM', 'HIGH'])} | ${w.title()}: ${w.paragraph(2)}${edited ? REVISION : ''} | ✅ Resolved |`;
  },
  section(id, i, w, edited) {
    const head = [`### ${id} | ${dayBefore(i)} | ${w.title()}`, `**Severity**: ${w.pick(['LOW', 'MEDIUM', 'HIGH'])}`, '**Status**: ✅ Complete', ''];
    const revised = edited ? REVISION : '';
    if (i % 3 === 0) return [...head, '**Summary**:', `${w.paragraph(3)}${revised}`, '', STUB, ''];
    return [
      ...head,
      '#### Problem',
      `${w.paragraph(2)}${revised}`,
      '',
      '#### Root Cause',
      w.sentence(10, 18),
      '',
      '#### Fix',
      `- ${w.sentence(8, 14)}`,
      `- \`${w.path()}\``,
      '',
    ];
  },
};
