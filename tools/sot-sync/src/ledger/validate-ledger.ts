// Pure: the rule list. Each rule reads the structural scan and returns diagnostics; none throws, none does IO.
import { exampleId, looksLikeMalformedId, matchEntryId } from './entry-id';
import type { LedgerOutline } from './find-sections';
import type { IndexTable } from './parse-index-table';
import { lineText, skipSpaces } from './ledger-bytes';
import { LINE_TEXT, atxDepthAt, parseAtxHeadingAt, type HiddenBlock, type MarkdownScan } from './scan-markdown';
import type { Diagnostic, LedgerSpec, Severity } from './types';

export interface LedgerFacts {
  file: string;
  spec: LedgerSpec;
  scan: MarkdownScan;
  outline: LedgerOutline;
  /** Every INDEX row of the ledger, read once. */
  table: IndexTable;
  foreignPrefixes: readonly string[];
}

type Rule = (facts: LedgerFacts, report: Reporter) => void;
type Reporter = (line: number, severity: Severity, rule: string, message: string, entryId?: string) => void;

const RULES: Rule[] = [hiddenEntries, malformedIds, duplicateIds, foreignHeadings, sectionsNotInIndex, untitledSections, ledgerWithoutIds, nulBytes];

/** Runs every rule; diagnostics come back sorted by line. */
export function validateLedger(facts: LedgerFacts): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Reporter = (line, severity, rule, message, entryId) => {
    diagnostics.push({ file: facts.file, line, column: 1, severity, rule, message, ...(entryId ? { entryId } : {}) });
  };
  for (const rule of RULES) rule(facts, report);
  return diagnostics.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

/**
 * A fence or comment hides every heading inside it (CommonMark). An unclosed one runs to the end of its container;
 * a stray fence pairs with the next one and swallows what lies between. Either way, entries it hides are lost to
 * the index: an error. An id that also has a visible section is just an example inside code, and so is an entry
 * heading inside a closed, labelled block (```markdown): that one is a warning.
 */
function hiddenEntries({ scan, spec, outline }: LedgerFacts, report: Reporter): void {
  const visible = new Set(outline.sections.map((section) => section.entryId));
  for (const block of scan.blocks) {
    const hidden = block.kind === 'fence' || !block.closed ? findHiddenEntries(scan, block, spec.prefix, visible) : [];
    const rule = block.kind === 'fence' ? 'unclosed-fence' : 'unclosed-comment';
    const example = block.closed && block.info !== '';
    if (hidden.length > 0) report(block.index + 1, example ? 'warning' : 'error', rule, hiddenMessage(block, hidden));
    else if (!block.closed)
      report(
        block.index + 1,
        'warning',
        rule,
        `${describe(block)} is never closed: everything after it renders as ${block.kind === 'fence' ? 'code' : 'a comment'}; ${fix(block)}`,
      );
  }
}

function findHiddenEntries(scan: MarkdownScan, block: HiddenBlock, prefix: string, visible: Set<string>): string[] {
  const hidden: string[] = [];
  for (let i = block.index + 1; i < block.end; i++) {
    if (!startsWithHash(scan, i)) continue;
    const heading = parseAtxHeadingAt(scan.bytes, scan.starts[i] as number, (scan.starts[i + 1] as number) - 1, i);
    const id = heading && heading.depth >= 2 && heading.depth <= 4 ? matchEntryId(heading.text, prefix) : null;
    if (id && !visible.has(id.id)) hidden.push(`${id.id} (line ${i + 1})`);
  }
  return hidden;
}

function hiddenMessage(block: HiddenBlock, hidden: string[]): string {
  const shown = hidden.slice(0, 5).join(', ') + (hidden.length > 5 ? ` and ${hidden.length - 5} more` : '');
  const count = `${hidden.length} entr${hidden.length === 1 ? 'y' : 'ies'}`;
  if (block.closed && block.info !== '') {
    return `${describe(block)} (\`\`\`${block.info}, to line ${block.end}) hides ${count} from the index: ${shown}; if ${hidden.length === 1 ? 'it is a real entry' : 'they are real entries'}, move ${hidden.length === 1 ? 'it' : 'them'} out of the code block`;
  }
  const span = block.closed ? `, which runs to line ${block.end} (a fence above it is probably missing its pair),` : ', never closed,';
  return `${describe(block)}${span} hides ${count} from the index: ${shown}; ${fix(block)}`;
}

function describe(block: HiddenBlock): string {
  return block.kind === 'fence' ? 'code fence' : 'HTML comment';
}

function fix(block: HiddenBlock): string {
  return block.kind === 'fence' ? 'add the missing ``` where the code ends' : 'close it with -->';
}

function malformedIds({ scan, spec, outline, table }: LedgerFacts, report: Reporter): void {
  const example = exampleId(spec.prefix);
  for (const heading of outline.malformed) {
    report(
      heading.index + 1,
      'error',
      'malformed-id',
      `"${clip(heading.text)}" is not a valid ${spec.prefix} id, so this section is not indexed; write it as "${example}" (digits, optionally ".1" parts)`,
    );
  }
  for (let i = 0; i < scan.lineCount; i++) {
    if (scan.mask[i] !== LINE_TEXT || !startsWithHash(scan, i)) continue;
    if (atxDepthAt(scan.bytes, scan.starts[i] as number, (scan.starts[i + 1] as number) - 1) > 0) continue;
    const line = lineText(scan, i);
    const text = line.trimStart().replace(/^#+/, '');
    if (matchEntryId(text, spec.prefix) || looksLikeMalformedId(text, spec.prefix)) {
      report(
        i + 1,
        'error',
        'malformed-id',
        `"${clip(line.trim())}" is not a heading (a space must follow the #s), so this entry is not indexed; write "## ${example} | date | title"`,
      );
    }
  }
  for (const row of table.malformed) {
    report(row.index + 1, 'error', 'malformed-id', `INDEX row id "${clip(row.text)}" is not a valid ${spec.prefix} id; write it as "${example}"`);
  }
}

function duplicateIds({ outline, table }: LedgerFacts, report: Reporter): void {
  const firstSection = new Map<string, number>();
  for (const section of outline.sections) {
    const first = firstSection.get(section.entryId);
    if (first === undefined) firstSection.set(section.entryId, section.start + 1);
    else
      report(
        section.start + 1,
        'warning',
        'duplicate-id',
        `${section.entryId} also at line ${first}: the sections are joined into one entry, in document order`,
        section.entryId,
      );
  }
  const firstRow = new Map<string, number>();
  for (const row of table.rows) {
    const first = firstRow.get(row.entryId);
    if (first === undefined) firstRow.set(row.entryId, row.index + 1);
    else report(row.index + 1, 'warning', 'duplicate-id', `${row.entryId} also in the INDEX at line ${first}: only the first row is used`, row.entryId);
  }
}

function foreignHeadings({ spec, outline }: LedgerFacts, report: Reporter): void {
  for (const { heading, entryId } of outline.foreign) {
    report(
      heading.index + 1,
      'warning',
      'foreign-id-heading',
      `${entryId} is not a ${spec.prefix} id: this section belongs in another ledger and is not indexed from here`,
      entryId,
    );
  }
}

function sectionsNotInIndex({ outline, table }: LedgerFacts, report: Reporter): void {
  const listed = new Set(table.rows.map((row) => row.entryId));
  if (listed.size === 0) return;
  const seen = new Set<string>();
  for (const section of outline.sections) {
    if (listed.has(section.entryId) || seen.has(section.entryId)) continue;
    seen.add(section.entryId);
    report(
      section.start + 1,
      'warning',
      'section-not-in-index',
      `${section.entryId} has a section but no row in the INDEX table; add a row so the index stays complete`,
      section.entryId,
    );
  }
}

function untitledSections({ spec, outline }: LedgerFacts, report: Reporter): void {
  for (const { heading, after } of outline.untitled) {
    const fix = after
      ? `it ends ${after}'s section, which has the same depth: make it a deeper heading (${'#'.repeat(heading.depth + 1)}) to keep it in ${after}`
      : `start the heading with an id such as "${exampleId(spec.prefix)}"`;
    report(
      heading.index + 1,
      'warning',
      'section-without-id',
      `"${clip(heading.text)}" sits among the entries but has no ${spec.prefix} id, so its text is not indexed; ${fix}`,
    );
  }
}

function ledgerWithoutIds({ spec, outline, table }: LedgerFacts, report: Reporter): void {
  if (outline.sections.length > 0 || outline.otherHeadings === 0 || table.rows.length > 0) return;
  report(
    1,
    'warning',
    'ledger-without-ids',
    `has sections but no ${spec.prefix} ids, so nothing is indexed; entry headings look like "### ${exampleId(spec.prefix)} | 2026-01-08 | Title"`,
  );
}

/**
 * A NUL byte is text no PostgreSQL column takes (`invalid byte sequence for encoding "UTF8": 0x00`). The bytes
 * (ledger-bytes.ts) already hold U+FFFD in its place, so every store receives the same text and hash; this says where.
 */
function nulBytes({ scan }: LedgerFacts, report: Reporter): void {
  for (const index of scan.nulLines) {
    report(
      index + 1,
      'warning',
      'nul-byte',
      'a NUL byte (U+0000) is no text PostgreSQL can store: every store gets U+FFFD (\uFFFD) in its place; remove it from the ledger',
    );
  }
}

/** `line.trimStart()[0] === '#'` of line i, read from its bytes. */
function startsWithHash(scan: MarkdownScan, i: number): boolean {
  const { bytes } = scan;
  const end = (scan.starts[i + 1] as number) - 1;
  const at = skipSpaces(bytes, scan.starts[i] as number, end);
  return at < end && bytes[at] === 35;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
