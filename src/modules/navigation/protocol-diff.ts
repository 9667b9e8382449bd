import { NEEDS } from '../directory/vocabulary.ts';
import {
  RED_FLAG_ACTIONS,
  type Destination,
  type NavigationProtocolContent,
  type QuickPick,
  type RedFlag,
} from './protocol.model.ts';

// What a draft changes from the version in force: the list a clinician reads before signing off. Items
// are matched by key (keys never change once an item exists), so a reworded red flag shows as changed,
// with its wording before and after, rather than as one removed and one added.

export type ProtocolSection = 'redFlags' | 'quickPicks' | 'destinations';

export interface FieldDifference {
  label: string;
  before: string;
  after: string;
}

export interface ItemChange {
  section: ProtocolSection;
  kind: 'added' | 'removed' | 'changed';
  key: string;
  /** The item's name as a person reads it (question, label or destination name). */
  name: string;
  /** For a changed item: each field that differs. */
  fields: FieldDifference[];
}

type Described<T> = {
  name: (item: T) => string;
  fields: readonly [label: string, show: (item: T) => string][];
};

const needLabel = (code: string): string => NEEDS.find((n) => n.code === code)?.label ?? code;
const lines = (list: readonly string[]): string => (list.length === 0 ? 'None' : list.join('; '));

const RED_FLAG: Described<RedFlag> = {
  name: (f) => f.question,
  fields: [
    ['What the navigator must do', (f) => RED_FLAG_ACTIONS[f.outcome].title],
    ['Question to read aloud', (f) => f.question],
    ['Trigger phrases', (f) => lines(f.phrases)],
  ],
};

const QUICK_PICK: Described<QuickPick> = {
  name: (p) => p.label,
  fields: [
    ['Label', (p) => p.label],
    ['Directory needs', (p) => lines(p.needs.map(needLabel))],
    ['Destinations, in order', (p) => lines(p.destinations)],
  ],
};

const DESTINATION: Described<Destination> = {
  name: (d) => d.name,
  fields: [
    ['Kind', (d) => d.kind],
    ['Name', (d) => d.name],
    ['Words to read aloud', (d) => d.readAloud],
    ['How to access it', (d) => d.howToAccess],
    ['Access criteria', (d) => d.accessCriteria],
    ['Not suitable when', (d) => d.notSuitableWhen ?? 'Not set'],
    ['Switched on', (d) => (d.enabled ? 'Yes' : 'No')],
  ],
};

function diffSection<T extends { key: string }>(
  section: ProtocolSection,
  described: Described<T>,
  before: readonly T[],
  after: readonly T[],
): ItemChange[] {
  const old = new Map(before.map((item) => [item.key, item]));
  const now = new Set(after.map((item) => item.key));
  const changes: ItemChange[] = [];
  for (const item of after) {
    const was = old.get(item.key);
    if (was === undefined) {
      changes.push({ section, kind: 'added', key: item.key, name: described.name(item), fields: [] });
      continue;
    }
    const fields = described.fields
      .map(([label, show]) => ({ label, before: show(was), after: show(item) }))
      .filter((f) => f.before !== f.after);
    if (fields.length > 0) {
      changes.push({ section, kind: 'changed', key: item.key, name: described.name(item), fields });
    }
  }
  for (const item of before) {
    if (!now.has(item.key)) {
      changes.push({ section, kind: 'removed', key: item.key, name: described.name(item), fields: [] });
    }
  }
  return changes;
}

/**
 * What changed from one protocol to another: red flags, then quick picks, then destinations; in each,
 * added and changed items in the new order, then removed ones.
 * @param before - the version in force
 * @param after - the draft
 */
export function diffProtocols(
  before: NavigationProtocolContent,
  after: NavigationProtocolContent,
): ItemChange[] {
  return [
    ...diffSection('redFlags', RED_FLAG, before.redFlags, after.redFlags),
    ...diffSection('quickPicks', QUICK_PICK, before.quickPicks, after.quickPicks),
    ...diffSection('destinations', DESTINATION, before.destinations, after.destinations),
  ];
}

export const SECTION_NAMES: Readonly<Record<ProtocolSection, { one: string; many: string }>> = {
  redFlags: { one: 'red flag', many: 'red flags' },
  quickPicks: { one: 'quick pick', many: 'quick picks' },
  destinations: { one: 'destination', many: 'destinations' },
};

/**
 * One line for the version list: "Red flags: 1 added, 2 changed. Destinations: 1 removed."
 * @param changes - from diffProtocols
 */
export function summariseChanges(changes: readonly ItemChange[]): string {
  if (changes.length === 0) {
    return 'No changes from the version in force';
  }
  const parts = (['redFlags', 'quickPicks', 'destinations'] as const).flatMap((section) => {
    const counts = (['added', 'changed', 'removed'] as const)
      .map((kind) => ({ kind, n: changes.filter((c) => c.section === section && c.kind === kind).length }))
      .filter((c) => c.n > 0)
      .map((c) => `${c.n} ${c.kind}`);
    if (counts.length === 0) {
      return [];
    }
    const name = SECTION_NAMES[section].many;
    return [`${name.charAt(0).toUpperCase()}${name.slice(1)}: ${counts.join(', ')}.`];
  });
  return parts.join(' ');
}
