import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { diffProtocols, summariseChanges } from './protocol-diff.ts';
import type { NavigationProtocolContent } from './protocol.model.ts';

// The "what changed since the version in force" list a clinician reads before signing off.

const copy = (): NavigationProtocolContent => structuredClone(DEFAULT_PROTOCOL);

describe('diffProtocols', () => {
  it('finds nothing between a protocol and its copy', () => {
    expect(diffProtocols(DEFAULT_PROTOCOL, copy())).toEqual([]);
    expect(summariseChanges([])).toBe('No changes from the version in force');
  });

  it('matches items by key, so a reworded red flag is changed, with its words before and after', () => {
    const after = copy();
    const chest = after.redFlags.find((f) => f.key === 'chest-pain');
    if (chest === undefined) {
      throw new Error('The default protocol has a chest pain red flag');
    }
    chest.outcome = 'duty-gp-now';
    chest.phrases = ['chest pain'];
    const changes = diffProtocols(DEFAULT_PROTOCOL, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ section: 'redFlags', kind: 'changed', key: 'chest-pain' });
    expect(changes[0]?.fields.map((f) => [f.label, f.after])).toEqual([
      ['What the navigator must do', 'Put the patient through to the duty GP now'],
      ['Trigger phrases', 'chest pain'],
    ]);
    expect(changes[0]?.fields[0]?.before).toBe('Call 999 now');
  });

  it('lists added and changed items in the new order, then removed ones, section by section', () => {
    const after = copy();
    after.destinations = after.destinations.filter((d) => d.key !== 'optometrist');
    after.quickPicks = after.quickPicks
      .filter((p) => p.key !== 'eyes')
      .map((p) => (p.key === 'teeth' ? { ...p, label: 'Teeth and gums' } : p));
    after.quickPicks.push({ key: 'hearing', label: 'Hearing', needs: ['loneliness'], destinations: ['gp'] });
    const gp = after.destinations.find((d) => d.kind === 'gp');
    if (gp !== undefined) {
      gp.enabled = false;
    }
    const changes = diffProtocols(DEFAULT_PROTOCOL, after);
    expect(changes.map((c) => [c.section, c.kind, c.key])).toEqual([
      ['quickPicks', 'changed', 'teeth'],
      ['quickPicks', 'added', 'hearing'],
      ['quickPicks', 'removed', 'eyes'],
      ['destinations', 'changed', 'gp'],
      ['destinations', 'removed', 'optometrist'],
    ]);
    expect(changes[3]?.fields).toEqual([{ label: 'Switched on', before: 'Yes', after: 'No' }]);
    expect(summariseChanges(changes)).toBe(
      'Quick picks: 1 added, 1 changed, 1 removed. Destinations: 1 changed, 1 removed.',
    );
  });

  it('names needs by their directory labels', () => {
    const after = copy();
    after.quickPicks = after.quickPicks.map((p) => (p.key === 'housing' ? { ...p, needs: [] } : p));
    expect(diffProtocols(DEFAULT_PROTOCOL, after).map((c) => c.fields)).toEqual([
      [{ label: 'Directory needs', before: 'Housing', after: 'None' }],
    ]);
  });
});
