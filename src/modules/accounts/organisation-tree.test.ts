import { describe, expect, it } from 'vitest';
import type { OrganisationKind } from './accounts.tables.ts';
import {
  buildOrganisationTree,
  deactivationProblem,
  normaliseOdsCode,
  ODS_CODE_PATTERN,
  placementProblem,
  roleAllowedIn,
  type PlacementInput,
  type PlacementProblem,
  type TreeOrganisation,
} from './organisation-tree.ts';
import { ROLES } from './roles.ts';

const ICB = { id: 'icb-1', kind: 'icb' as const, active: true };
const PCN = { id: 'pcn-1', kind: 'pcn' as const, active: true };
const OLD_PCN = { id: 'pcn-old', kind: 'pcn' as const, active: false };

describe('placementProblem', () => {
  const cases: [string, PlacementInput, PlacementProblem | null][] = [
    ['an ICB at the top', { kind: 'icb', parentId: null, parent: undefined }, null],
    ['an ICB under an ICB', { kind: 'icb', parentId: ICB.id, parent: ICB }, 'ParentNotAllowed'],
    ['a VCSE organisation at the top', { kind: 'vcse', parentId: null, parent: undefined }, null],
    ['a VCSE organisation under a PCN', { kind: 'vcse', parentId: PCN.id, parent: PCN }, 'ParentNotAllowed'],
    ['a PCN under an ICB', { kind: 'pcn', parentId: ICB.id, parent: ICB }, null],
    ['a PCN with no ICB', { kind: 'pcn', parentId: null, parent: undefined }, null],
    ['a PCN under a PCN', { kind: 'pcn', parentId: PCN.id, parent: PCN }, 'ParentWrongKind'],
    ['a practice under a PCN', { kind: 'practice', parentId: PCN.id, parent: PCN }, null],
    ['a practice with no PCN', { kind: 'practice', parentId: null, parent: undefined }, 'ParentRequired'],
    ['a practice under an ICB', { kind: 'practice', parentId: ICB.id, parent: ICB }, 'ParentWrongKind'],
    [
      'a practice under a missing PCN',
      { kind: 'practice', parentId: 'gone', parent: undefined },
      'ParentNotFound',
    ],
    [
      'a practice moved under an inactive PCN',
      { kind: 'practice', selfId: 'p', currentParentId: PCN.id, parentId: OLD_PCN.id, parent: OLD_PCN },
      'ParentInactive',
    ],
    [
      'a practice kept under its inactive PCN',
      { kind: 'practice', selfId: 'p', currentParentId: OLD_PCN.id, parentId: OLD_PCN.id, parent: OLD_PCN },
      null,
    ],
    ['a PCN under itself', { kind: 'pcn', selfId: PCN.id, parentId: PCN.id, parent: PCN }, 'ParentIsSelf'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(placementProblem(input)).toBe(expected);
  });
});

describe('deactivationProblem', () => {
  it.each([
    [{ activeChildren: 0, adminRolesElsewhere: 0, adminRolesHere: 0 }, null],
    [{ activeChildren: 2, adminRolesElsewhere: 1, adminRolesHere: 0 }, 'HasActiveChildren'],
    [{ activeChildren: 0, adminRolesElsewhere: 0, adminRolesHere: 1 }, 'HoldsLastAdministrator'],
    [{ activeChildren: 0, adminRolesElsewhere: 1, adminRolesHere: 3 }, null],
  ] as const)('%o gives %s', (facts, expected) => {
    expect(deactivationProblem(facts)).toBe(expected);
  });
});

describe('roleAllowedIn', () => {
  const kinds: OrganisationKind[] = ['icb', 'pcn', 'practice', 'vcse'];
  it('allows VCSE provider staff only in VCSE organisations, and every other role everywhere else', () => {
    for (const role of ROLES) {
      for (const kind of kinds) {
        expect(roleAllowedIn(role, kind), `${role} in ${kind}`).toBe(
          role === 'vcse_staff' ? kind === 'vcse' : kind !== 'vcse',
        );
      }
    }
  });
});

describe('ODS codes', () => {
  it.each([
    [' b9d 001 ', 'B9D001', true],
    ['qwo', 'QWO', true],
    ['AB', 'AB', false],
    ['ABCDEFGHIJK', 'ABCDEFGHIJK', false],
    ['B9D-001', 'B9D-001', false],
  ])('%j is stored as %s (valid: %s)', (typed, stored, valid) => {
    const code = normaliseOdsCode(typed);
    expect(code).toBe(stored);
    expect(ODS_CODE_PATTERN.test(code ?? '')).toBe(valid);
  });

  it('treats an empty code as none', () => {
    expect(normaliseOdsCode('   ')).toBeNull();
  });
});

describe('buildOrganisationTree', () => {
  const org = (
    id: string,
    kind: OrganisationKind,
    name: string,
    parentId: string | null = null,
  ): TreeOrganisation => ({
    id,
    kind,
    name,
    parentId,
  });

  it('nests practices in PCNs in ICBs by name, keeps VCSE apart and lists practices with no PCN', () => {
    const tree = buildOrganisationTree([
      org('v2', 'vcse', 'Zeta Friends'),
      org('p2', 'practice', 'Beech Surgery', 'pcn'),
      org('p1', 'practice', 'Ash Surgery', 'pcn'),
      org('lone', 'pcn', 'A lone PCN'),
      org('pcn', 'pcn', 'North PCN', 'icb'),
      org('icb', 'icb', 'West ICB'),
      org('v1', 'vcse', 'Alpha Trust'),
      org('stray', 'practice', 'Stray Surgery', 'icb'),
      org('orphan', 'practice', 'Orphan Surgery', 'missing'),
    ]);
    expect(tree.roots.map((n) => n.organisation.id)).toEqual(['icb', 'lone']);
    const [icb] = tree.roots;
    const [pcn] = icb.children;
    expect(icb.children.map((n) => n.organisation.id)).toEqual(['pcn']);
    expect(pcn.children.map((n) => n.organisation.id)).toEqual(['p1', 'p2']);
    expect(tree.unplaced.map((o) => o.id)).toEqual(['orphan', 'stray']);
    expect(tree.vcse.map((o) => o.id)).toEqual(['v1', 'v2']);
  });

  it('gives an empty tree for no organisations', () => {
    expect(buildOrganisationTree([])).toEqual({ roots: [], unplaced: [], vcse: [] });
  });
});
