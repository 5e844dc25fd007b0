// Pure: a free-text status (`Accepted`, `⚠️ SUPERSEDED (2026-01-08) — use …`, `❌`, `Superseded by DEC-031`) -> the
// entry's lifecycle, and the ids an entry names as what replaced it or what it replaces. No IO.
import type { Lifecycle } from './types';

// The first of these words in the status decides (`Accepted (superseded in part)` is accepted). `supersedes` and
// `replaces` name what an entry replaces: they say nothing about the entry itself, so they are skipped.
const LIFECYCLE_WORD =
  /\b(not (?:adopted|accepted|approved)|supersedes|replaces|superseded|replaced|deprecated|obsolete|retired|rejected|declined|abandoned|withdrawn|proposed|draft|under review|in review|pending|in progress|accepted|approved|adopted|implemented)\b/gi;

const WORD_LIFECYCLE: Record<string, Lifecycle | null> = {
  'not adopted': 'rejected',
  'not accepted': 'rejected',
  'not approved': 'rejected',
  supersedes: null,
  replaces: null,
  superseded: 'superseded',
  replaced: 'superseded',
  deprecated: 'deprecated',
  obsolete: 'deprecated',
  retired: 'deprecated',
  rejected: 'rejected',
  declined: 'rejected',
  abandoned: 'rejected',
  withdrawn: 'rejected',
  proposed: 'proposed',
  draft: 'proposed',
  'under review': 'proposed',
  'in review': 'proposed',
  pending: 'proposed',
  'in progress': 'proposed',
  accepted: 'accepted',
  approved: 'accepted',
  adopted: 'accepted',
  implemented: 'accepted',
};

// Emoji decide only a status that has no word at all (`❌`, `✅ `): real ledgers write `⚠️ Identified - Will Be
// Fixed by BUILD-042` and `🔄 In Progress`, which are neither deprecated nor superseded.
const EMOJI_LIFECYCLE: [string, Lifecycle][] = [
  ['✅', 'accepted'],
  ['✔', 'accepted'],
  ['❌', 'rejected'],
  ['🚫', 'rejected'],
  ['⚠', 'deprecated'],
  ['🔄', 'superseded'],
  ['📝', 'proposed'],
  ['⏳', 'proposed'],
  ['🚧', 'proposed'],
  ['💭', 'proposed'],
];

const HAS_LETTER = /\p{L}/u;

/** Entry ids of any ledger as written in text: `DEC-031`, `BUILD-153.1`. */
const ENTRY_ID = /\b[A-Z][A-Z0-9]*-\d{1,12}(?:\.\d{1,9}){0,6}\b/g;
const REPLACED_BY = /\b(?:superseded|replaced)\s+(?:by|with)\b[^A-Za-z0-9]*([A-Z][A-Z0-9]*-\d{1,12}(?:\.\d{1,9}){0,6})\b/i;

/**
 * The lifecycle a status states, or undefined when it states none (`✅ Complete`, `Identified`). `replaced`: the
 * entry names what replaced it (`**Superseded by**: DEC-031`), which makes it superseded unless the status says it
 * was rejected or deprecated.
 */
export function parseLifecycle(status: string | undefined, replaced = false): Lifecycle | undefined {
  const stated = status === undefined ? undefined : statedLifecycle(status);
  if (replaced && (stated === undefined || stated === 'accepted' || stated === 'proposed')) return 'superseded';
  return stated;
}

function statedLifecycle(status: string): Lifecycle | undefined {
  LIFECYCLE_WORD.lastIndex = 0;
  for (let match = LIFECYCLE_WORD.exec(status); match !== null; match = LIFECYCLE_WORD.exec(status)) {
    const lifecycle = WORD_LIFECYCLE[(match[1] as string).toLowerCase().replace(/\s+/g, ' ')];
    if (lifecycle) return lifecycle;
  }
  if (HAS_LETTER.test(status)) return undefined;
  for (const [emoji, lifecycle] of EMOJI_LIFECYCLE) if (status.includes(emoji)) return lifecycle;
  return undefined;
}

/** The id a status names as its replacement: `Superseded by DEC-031`, `⚠️ Replaced by DEC-040 (2026-01-08)`. */
export function parseReplacedBy(status: string | undefined): string | undefined {
  if (status === undefined || !/supersed|replaced/i.test(status)) return undefined;
  return REPLACED_BY.exec(status)?.[1]?.toUpperCase();
}

/** Every entry id in `text`, once each, in order (`DEC-012, DEC-014` -> both); undefined when there is none. */
export function parseEntryRefs(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.match(ENTRY_ID);
  return ids ? [...new Set(ids)] : undefined;
}
