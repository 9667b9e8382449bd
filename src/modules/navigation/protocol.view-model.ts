import { NEEDS } from '../directory/vocabulary.ts';
import { SECTION_NAMES, type ItemChange } from './protocol-diff.ts';
import {
  formItemsFromContent,
  MAX_PICK_DESTINATIONS,
  type FormItem,
  type SectionPath,
} from './protocol-form.ts';
import type { ProtocolScope } from './protocol-versions.service.ts';
import type { ProtocolVersion } from './protocol-versions.repository.ts';
import {
  DESTINATION_KINDS,
  RED_FLAG_ACTIONS,
  RED_FLAG_OUTCOMES,
  type DestinationKind,
  type NavigationProtocolContent,
} from './protocol.model.ts';

// What the protocol pages show, ready for the nhsuk-frontend macros.

export const PROTOCOL_BASE = '/app/navigation/protocol';

export const KIND_LABELS: Readonly<Record<DestinationKind, string>> = {
  gp: 'GP (the patient can always choose this)',
  'link-worker': 'Social prescribing link worker (makes a referral)',
  practice: 'In the practice',
  nhs: 'Other NHS service',
  community: 'Community service',
};

const STATUS_TAGS = {
  draft: { text: 'Draft', classes: 'nhsuk-tag--yellow' },
  approved: { text: 'In force', classes: 'nhsuk-tag--green' },
  retired: { text: 'Retired', classes: 'nhsuk-tag--grey' },
} as const;

/**
 * A version as a row of the version list.
 * @param v - the version
 * @param today - today in England
 */
export function versionRow(v: ProtocolVersion, today: string): Record<string, unknown> {
  return {
    id: v.id,
    practiceId: v.practiceId,
    href: `${PROTOCOL_BASE}/${v.id}`,
    version: v.version,
    status: STATUS_TAGS[v.status],
    approvedByName: v.approvedByName,
    approvedAt: v.approvedAt,
    shippedDefault: v.approvedAt !== null && v.approvedBy === null,
    reviewDue: v.reviewDue,
    overdue: v.status === 'approved' && v.reviewDue !== null && v.reviewDue < today,
    changeSummary: v.changeSummary,
  };
}

/**
 * A scope (the PCN or a practice) on the protocol page.
 * @param scope - the scope
 * @param today - today in England
 */
export function scopeView(scope: ProtocolScope, today: string): Record<string, unknown> {
  return {
    name: scope.name,
    scopeValue: scope.practiceId ?? 'pcn',
    inForce: scope.inForce === undefined ? null : versionRow(scope.inForce, today),
    inheritsPcn: scope.inheritsPcn,
    draft: scope.draft === undefined ? null : versionRow(scope.draft, today),
    versions: scope.versions.map((v) => versionRow(v, today)),
  };
}

/**
 * The "what changed" list, grouped by section, for the draft overview.
 * @param changes - from diffProtocols
 */
export function changeGroups(changes: readonly ItemChange[]): Record<string, unknown>[] {
  return (['redFlags', 'quickPicks', 'destinations'] as const)
    .map((section) => ({
      heading: `${SECTION_NAMES[section].many.charAt(0).toUpperCase()}${SECTION_NAMES[section].many.slice(1)}`,
      changes: changes
        .filter((c) => c.section === section)
        .map((c) => ({ ...c, kindTag: { added: 'Added', removed: 'Removed', changed: 'Changed' }[c.kind] })),
    }))
    .filter((g) => g.changes.length > 0);
}

/**
 * The read-only content of a version, for the version page.
 * @param content - the version's content
 */
export function contentView(content: NavigationProtocolContent): Record<string, unknown> {
  const destinationName = new Map(content.destinations.map((d) => [d.key, d.name]));
  const needLabel = new Map(NEEDS.map((n) => [n.code, n.label]));
  return {
    redFlags: content.redFlags.map((f) => ({ ...f, action: RED_FLAG_ACTIONS[f.outcome].title })),
    quickPicks: content.quickPicks.map((p) => ({
      label: p.label,
      needs: p.needs.map((n) => needLabel.get(n) ?? n).join(', '),
      destinations: p.destinations.map((d) => destinationName.get(d) ?? d),
    })),
    destinations: content.destinations.map((d) => ({ ...d, kindLabel: KIND_LABELS[d.kind] })),
  };
}

type Item = Record<string, unknown>;
const field = (item: FormItem, name: string): string => item.fields[name] ?? '';

function redFlagItem(item: FormItem): Item {
  const outcome = field(item, 'outcome');
  return {
    outcomeItems: [
      ...(item.key === ''
        ? [{ value: '', text: 'Choose what the navigator must do', selected: outcome === '' }]
        : []),
      ...RED_FLAG_OUTCOMES.map((o) => ({
        value: o,
        text: RED_FLAG_ACTIONS[o].title,
        selected: o === outcome,
      })),
    ],
    question: field(item, 'question'),
    phrases: field(item, 'phrases'),
    phrasesRows: Math.min(Math.max(field(item, 'phrases').split('\n').length + 1, 4), 15),
  };
}

function quickPickItem(item: FormItem, content: NavigationProtocolContent): Item {
  const chosen = Array.from({ length: MAX_PICK_DESTINATIONS }, (_, i) => field(item, `dest-${i + 1}`));
  const shown = Math.min(
    Math.max(3, chosen.filter((d) => d !== '').length + 2, chosen.findLastIndex((d) => d !== '') + 3),
    content.destinations.length,
    MAX_PICK_DESTINATIONS,
  );
  const ordinal = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'];
  return {
    label: field(item, 'label'),
    needItems: NEEDS.map((n) => ({
      value: 'yes',
      name: `item-${item.index}-need-${n.code}`,
      text: n.label,
      checked: field(item, `need-${n.code}`) === 'yes',
    })),
    destinationChoices: Array.from({ length: shown }, (_, i) => ({
      id: `item-${item.index}-dest-${i + 1}`,
      label: `${ordinal[i] ?? `Choice ${i + 1}:`} destination${i === 0 ? '' : ' (optional)'}`,
      items: [
        { value: '', text: 'None', selected: chosen[i] === '' },
        ...content.destinations.map((d) => ({ value: d.key, text: d.name, selected: chosen[i] === d.key })),
      ],
    })),
  };
}

function destinationItem(item: FormItem): Item {
  const kind = field(item, 'kind');
  return {
    kindItems: [
      ...(item.key === '' ? [{ value: '', text: 'Choose a kind', selected: kind === '' }] : []),
      ...DESTINATION_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: k === kind })),
    ],
    name: field(item, 'name'),
    readAloud: field(item, 'readAloud'),
    howToAccess: field(item, 'howToAccess'),
    accessCriteria: field(item, 'accessCriteria'),
    notSuitableWhen: field(item, 'notSuitableWhen'),
    enabled: field(item, 'enabled') === 'yes',
  };
}

const TITLE_FIELD: Readonly<Record<SectionPath, string>> = {
  'red-flags': 'question',
  'quick-picks': 'label',
  destinations: 'name',
};

/**
 * The items of a section form, each with its fields ready for the macros.
 * @param section - the section
 * @param items - as stored (first view) or as typed (after a problem), the blank one last
 * @param content - the draft's content (for the destination choices of quick picks)
 */
export function sectionItems(
  section: SectionPath,
  items: readonly FormItem[],
  content: NavigationProtocolContent,
): Item[] {
  const one =
    SECTION_NAMES[
      section === 'red-flags' ? 'redFlags' : section === 'quick-picks' ? 'quickPicks' : 'destinations'
    ].one;
  // Legends name each item as it is stored, so clearing a field does not blank its heading.
  const stored = new Map(
    formItemsFromContent(section, content).map((i) => [i.key, i.fields[TITLE_FIELD[section]] ?? '']),
  );
  return items.map((item) => {
    const isNew = item.key === '';
    const words = isNew ? '' : (stored.get(item.key) ?? field(item, TITLE_FIELD[section]));
    const title = words.length > 70 ? `${words.slice(0, 69).trimEnd()}…` : words;
    return {
      index: item.index,
      prefix: `item-${item.index}`,
      key: item.key,
      isNew,
      legend: isNew
        ? `Add a ${one}`
        : `${one.charAt(0).toUpperCase()}${one.slice(1)} ${item.index + 1}${title === '' ? '' : `: ${title}`}`,
      removeLabel: `Remove ${one} ${item.index + 1} from the draft`,
      remove: field(item, 'remove') === 'yes',
      ...(section === 'red-flags'
        ? redFlagItem(item)
        : section === 'quick-picks'
          ? quickPickItem(item, content)
          : destinationItem(item)),
    };
  });
}
