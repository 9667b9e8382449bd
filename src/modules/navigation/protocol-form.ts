import type { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { NEED_CODES } from '../directory/vocabulary.ts';
import { SECTION_NAMES, type ProtocolSection } from './protocol-diff.ts';
import { protocolMessage as m, type ProtocolContentKey } from './protocol.content.ts';
import {
  protocolContentSchema,
  type Destination,
  type NavigationProtocolContent,
  type QuickPick,
  type RedFlag,
} from './protocol.model.ts';

// The form of one protocol section (red flags, quick picks or destinations), without JavaScript: every
// item's fields named `item-<n>-<field>`, a "remove" box per item and one blank item at the end to add
// one. Keys never change once an item exists (navigation records and quick picks name them): an existing
// item carries its key in a hidden field, and a new item gets one made from its words.

export const SECTION_PATHS = ['red-flags', 'quick-picks', 'destinations'] as const;
export type SectionPath = (typeof SECTION_PATHS)[number];

export const SECTION_OF: Readonly<Record<SectionPath, ProtocolSection>> = {
  'red-flags': 'redFlags',
  'quick-picks': 'quickPicks',
  destinations: 'destinations',
};

/** How many destination choices a quick pick's form reads (a quick pick offers a few, best first). */
export const MAX_PICK_DESTINATIONS = 20;
const MAX_ITEMS = 300;

/** One item of a section form as typed: field name (without the `item-<n>-` prefix) to value. */
export interface FormItem {
  index: number;
  /** The existing item's key; empty for the blank item that adds one. */
  key: string;
  fields: Partial<Record<string, string>>;
}

const FIELDS: Readonly<Record<SectionPath, readonly string[]>> = {
  'red-flags': ['outcome', 'question', 'phrases'],
  'quick-picks': [
    'label',
    ...NEED_CODES.map((c) => `need-${c}`),
    ...Array.from({ length: MAX_PICK_DESTINATIONS }, (_, i) => `dest-${i + 1}`),
  ],
  destinations: ['kind', 'name', 'readAloud', 'howToAccess', 'accessCriteria', 'notSuitableWhen', 'enabled'],
};

/** The words a new item's key is made from, and the fields that must be empty for "nothing added". */
const WORDS: Readonly<Record<SectionPath, readonly string[]>> = {
  'red-flags': ['phrases', 'question'],
  'quick-picks': ['label'],
  destinations: ['name', 'readAloud', 'howToAccess', 'accessCriteria', 'notSuitableWhen'],
};

/**
 * A section's items as its form shows them first.
 * @param section - the section
 * @param content - the draft's content
 */
export function formItemsFromContent(section: SectionPath, content: NavigationProtocolContent): FormItem[] {
  const item = (index: number, key: string, fields: Record<string, string>): FormItem => ({
    index,
    key,
    fields,
  });
  switch (section) {
    case 'red-flags':
      return content.redFlags.map((f, i) =>
        item(i, f.key, { outcome: f.outcome, question: f.question, phrases: f.phrases.join('\n') }),
      );
    case 'quick-picks':
      return content.quickPicks.map((p, i) =>
        item(i, p.key, {
          label: p.label,
          ...Object.fromEntries(p.needs.map((c) => [`need-${c}`, 'yes'])),
          ...Object.fromEntries(p.destinations.map((d, j) => [`dest-${j + 1}`, d])),
        }),
      );
    case 'destinations':
      return content.destinations.map((d, i) =>
        item(i, d.key, {
          kind: d.kind,
          name: d.name,
          readAloud: d.readAloud,
          howToAccess: d.howToAccess,
          accessCriteria: d.accessCriteria,
          notSuitableWhen: d.notSuitableWhen ?? '',
          enabled: d.enabled ? 'yes' : '',
        }),
      );
  }
}

const text = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The items of a posted section form, as typed: the existing ones (with their keys), then the blank one.
 * @param section - the section
 * @param body - the posted form
 */
export function formItemsFromBody(section: SectionPath, body: Record<string, unknown>): FormItem[] {
  const count = Math.min(Math.max(Number.parseInt(text(body, 'count'), 10) || 0, 0), MAX_ITEMS);
  return Array.from({ length: count + 1 }, (_, index) => ({
    index,
    key: index < count ? text(body, `item-${index}-key`) : '',
    fields: Object.fromEntries(
      [...FIELDS[section], 'remove'].map((f) => [f, text(body, `item-${index}-${f}`)]),
    ),
  }));
}

const slug = (words: string): string =>
  words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');

function newKey(item: FormItem, section: SectionPath, taken: Set<string>): string {
  const source = WORDS[section].map((f) => item.fields[f]?.split('\n')[0]?.trim() ?? '').find((w) => w);
  const base = slug(source ?? '') || section.replace(/s$/, '');
  let key = base;
  for (let n = 2; taken.has(key); n += 1) {
    key = `${base}-${n}`;
  }
  taken.add(key);
  return key;
}

function toRaw(section: SectionPath, key: string, f: FormItem['fields']): unknown {
  const value = (name: string): string => f[name] ?? '';
  switch (section) {
    case 'red-flags':
      return {
        key,
        outcome: value('outcome'),
        question: value('question'),
        phrases: value('phrases')
          .split(/\r?\n/)
          .map((p) => p.trim())
          .filter((p) => p !== ''),
      } satisfies Record<keyof RedFlag, unknown>;
    case 'quick-picks':
      return {
        key,
        label: value('label'),
        needs: NEED_CODES.filter((c) => value(`need-${c}`) === 'yes'),
        destinations: [
          ...new Set(
            FIELDS['quick-picks']
              .filter((n) => n.startsWith('dest-'))
              .map(value)
              .filter((d) => d !== ''),
          ),
        ],
      } satisfies Record<keyof QuickPick, unknown>;
    case 'destinations':
      return {
        key,
        kind: value('kind'),
        name: value('name'),
        readAloud: value('readAloud'),
        howToAccess: value('howToAccess'),
        accessCriteria: value('accessCriteria'),
        notSuitableWhen: value('notSuitableWhen').trim() === '' ? null : value('notSuitableWhen'),
        enabled: value('enabled') === 'yes',
      } satisfies Record<keyof Destination, unknown>;
  }
}

export type SectionResult =
  { ok: true; content: NavigationProtocolContent } | { ok: false; issues: FieldIssue[] };

/**
 * The draft's content with this section replaced by the form's items, checked as a whole protocol.
 * Problems name the form's fields (for the error summary); nothing is half-applied.
 * @param section - the section
 * @param items - the form's items, from formItemsFromBody
 * @param content - the draft's content now
 */
export function applySectionForm(
  section: SectionPath,
  items: readonly FormItem[],
  content: NavigationProtocolContent,
): SectionResult {
  const kept = items.filter(
    (item) =>
      item.fields.remove !== 'yes' &&
      (item.key !== '' || WORDS[section].some((f) => (item.fields[f] ?? '').trim() !== '')),
  );
  const taken = new Set(kept.map((item) => item.key).filter((k) => k !== ''));
  const raw = kept.map((item) =>
    toRaw(section, item.key === '' ? newKey(item, section, taken) : item.key, item.fields),
  );
  const removedInUse = section === 'destinations' ? destinationsInUse(items, content) : [];
  const parsed = protocolContentSchema.safeParse({ ...content, [SECTION_OF[section]]: raw });
  if (parsed.success && removedInUse.length === 0) {
    return { ok: true, content: parsed.data };
  }
  // A removed destination that quick picks offer is said once, on its "remove" box.
  const own = parsed.success
    ? []
    : parsed.error.issues.filter((i) => removedInUse.length === 0 || i.path[0] === SECTION_OF[section]);
  const issues = own.map((i) => fieldIssue(section, i, kept, items));
  const itemIndex = (issue: FieldIssue): number => Number(/^item-(\d+)-/.exec(issue.field)?.[1] ?? 0);
  return { ok: false, issues: [...removedInUse, ...issues].sort((a, b) => itemIndex(a) - itemIndex(b)) };
}

function destinationsInUse(items: readonly FormItem[], content: NavigationProtocolContent): FieldIssue[] {
  return items.flatMap((item) => {
    const picks = content.quickPicks.filter((p) => p.destinations.includes(item.key)).map((p) => p.label);
    if (item.fields.remove !== 'yes' || item.key === '' || picks.length === 0) {
      return [];
    }
    return [
      {
        field: `item-${item.index}-remove`,
        message: `${m('pages.protocolSection.remove.validationError.inUse')}: ${picks.join(', ')}`,
      },
    ];
  });
}

const KEY_FIELD: Readonly<Record<SectionPath, string>> = {
  'red-flags': 'question',
  'quick-picks': 'label',
  destinations: 'name',
};

function fieldIssue(
  section: SectionPath,
  issue: z.core.$ZodIssue,
  kept: readonly FormItem[],
  items: readonly FormItem[],
): FieldIssue {
  const [where, position, field] = issue.path;
  const item = typeof position === 'number' ? kept[position] : undefined;
  if (where !== SECTION_OF[section] || item === undefined || typeof field !== 'string') {
    // A rule about the whole section: at least one red flag or quick pick, exactly one GP destination.
    const gp = items.find((i) => i.fields.kind === 'gp');
    const name = section === 'destinations' ? 'kind' : 'remove';
    return { field: `item-${gp === undefined ? 0 : gp.index}-${name}`, message: issue.message };
  }
  const formField =
    field === 'key'
      ? KEY_FIELD[section]
      : field === 'needs'
        ? 'needs'
        : field === 'destinations'
          ? 'dest-1'
          : field;
  const key = `pages.protocolSection.${formField}.validationError.${issue.code}` as ProtocolContentKey;
  const one = SECTION_NAMES[SECTION_OF[section]].one;
  const which = item.key === '' ? `the new ${one}` : `${one} ${item.index + 1}`;
  return { field: `item-${item.index}-${formField}`, message: `${m(key, issue.message)} for ${which}` };
}
