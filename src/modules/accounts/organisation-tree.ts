import type { OrganisationKind } from './accounts.tables.ts';
import type { Role } from './roles.ts';

// The rules of the organisation tree, as pure functions: an ICB holds PCNs, a PCN holds GP practices, and
// VCSE organisations stand beside the tree. The database enforces the same shape where a CHECK can (ICB and
// VCSE have no parent; only a practice points at a practice row); everything that needs to look at the
// parent, the children or the roles is decided here, so it is tested without a database.

export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['icb', 'pcn', 'practice', 'vcse'];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  icb: 'ICB',
  pcn: 'PCN',
  practice: 'GP practice',
  vcse: 'VCSE organisation',
};

/** The kind of parent each kind sits under; null: it stands at the top. */
export const PARENT_KIND: Record<OrganisationKind, OrganisationKind | null> = {
  icb: null,
  pcn: 'icb',
  practice: 'pcn',
  vcse: null,
};

/** Whether a parent must be chosen: every practice is in a PCN; a PCN may be recorded without its ICB. */
export const PARENT_REQUIRED: Record<OrganisationKind, boolean> = {
  icb: false,
  pcn: false,
  practice: true,
  vcse: false,
};

/** ODS codes: letters and digits, 3 to 10 of them (stored in capitals). */
export const ODS_CODE_PATTERN = /^[A-Z0-9]{3,10}$/;

/**
 * An ODS code as stored: trimmed, spaces removed, capitals; empty means none.
 * @param input - the code as typed
 */
export function normaliseOdsCode(input: string): string | null {
  const code = input.replace(/\s+/g, '').toUpperCase();
  return code === '' ? null : code;
}

export type PlacementProblem =
  | 'ParentNotAllowed'
  | 'ParentRequired'
  | 'ParentNotFound'
  | 'ParentWrongKind'
  | 'ParentInactive'
  | 'ParentIsSelf';

export interface PlacementInput {
  kind: OrganisationKind;
  /** The organisation being edited (absent when creating one). */
  selfId?: string;
  /** Its current parent, when editing: an inactive parent it already has may stay. */
  currentParentId?: string | null;
  /** The parent chosen, or null for none. */
  parentId: string | null;
  /** The chosen parent as found in the tenant, or undefined when no such organisation exists. */
  parent: { id: string; kind: OrganisationKind; active: boolean } | undefined;
}

/**
 * Checks where an organisation is placed in the tree.
 * @param input - its kind, the parent chosen and that parent as found
 * @returns the problem, or null when the placement is allowed
 */
export function placementProblem(input: PlacementInput): PlacementProblem | null {
  const wanted = PARENT_KIND[input.kind];
  if (input.parentId === null) {
    return PARENT_REQUIRED[input.kind] ? 'ParentRequired' : null;
  }
  if (wanted === null) {
    return 'ParentNotAllowed';
  }
  if (input.parentId === input.selfId) {
    return 'ParentIsSelf';
  }
  if (input.parent === undefined) {
    return 'ParentNotFound';
  }
  if (input.parent.kind !== wanted) {
    return 'ParentWrongKind';
  }
  if (!input.parent.active && input.parent.id !== input.currentParentId) {
    return 'ParentInactive';
  }
  return null;
}

export type DeactivationProblem = 'HasActiveChildren' | 'HoldsLastAdministrator';

/**
 * Checks whether an organisation may be made inactive: not while active organisations sit under it (they
 * would drop out of the tree), and not when its administrators are the tenant's last ones (roles in an
 * inactive organisation cannot be used, so nobody could manage the tenant any more).
 * @param facts - how many active children it has, and how many usable administrator roles the tenant
 *   would have left elsewhere
 */
export function deactivationProblem(facts: {
  activeChildren: number;
  adminRolesElsewhere: number;
  adminRolesHere: number;
}): DeactivationProblem | null {
  if (facts.activeChildren > 0) {
    return 'HasActiveChildren';
  }
  if (facts.adminRolesHere > 0 && facts.adminRolesElsewhere === 0) {
    return 'HoldsLastAdministrator';
  }
  return null;
}

/**
 * Whether a role may be held in an organisation of this kind. VCSE provider staff work for a VCSE
 * organisation and nothing else; NHS roles (which can open patient records) are never held in one.
 * @param role - the role
 * @param kind - the organisation's kind
 */
export function roleAllowedIn(role: Role, kind: OrganisationKind): boolean {
  return (role === 'vcse_staff') === (kind === 'vcse');
}

export interface TreeOrganisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  parentId: string | null;
}

export interface TreeNode<T extends TreeOrganisation> {
  organisation: T;
  children: TreeNode<T>[];
}

export interface OrganisationTree<T extends TreeOrganisation> {
  /** ICBs with their PCNs and practices; PCNs with no ICB also stand at the top. */
  roots: TreeNode<T>[];
  /** Practices whose PCN is missing (or not a PCN), so they can still be found and fixed. */
  unplaced: T[];
  vcse: T[];
}

/**
 * Arranges a tenant's organisations as the tree ICB > PCN > practice, with VCSE organisations apart,
 * each level by name.
 * @param organisations - every organisation of the tenant
 */
export function buildOrganisationTree<T extends TreeOrganisation>(
  organisations: readonly T[],
): OrganisationTree<T> {
  const byName = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const byId = new Map(byName.map((o) => [o.id, o]));
  const nodes = new Map(byName.map((o) => [o.id, { organisation: o, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  const unplaced: T[] = [];
  for (const org of byName) {
    const node = nodes.get(org.id);
    if (node === undefined || org.kind === 'vcse') {
      continue;
    }
    const parent = org.parentId === null ? undefined : byId.get(org.parentId);
    const parentNode = parent === undefined ? undefined : nodes.get(parent.id);
    if (parent !== undefined && parentNode !== undefined && parent.kind === PARENT_KIND[org.kind]) {
      parentNode.children.push(node);
    } else if (org.kind === 'practice') {
      unplaced.push(org);
    } else {
      roots.push(node);
    }
  }
  // ICBs first, then PCNs that have no ICB (a stable sort keeps each group by name).
  roots.sort((a, b) => rank(a.organisation.kind) - rank(b.organisation.kind));
  return { roots, unplaced, vcse: byName.filter((o) => o.kind === 'vcse') };
}

function rank(kind: OrganisationKind): number {
  return ORGANISATION_KINDS.indexOf(kind);
}
