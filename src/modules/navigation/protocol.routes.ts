import type { FastifyInstance } from 'fastify';
import type { NavigationDeps } from './navigation.deps.ts';
import { discardPost, draftsPost, protocolListGet } from './protocol-list.controller.ts';
import { sectionGet, sectionPost } from './protocol-section.controller.ts';
import { approvePost, versionGet } from './protocol-version.controller.ts';

// The clinically owned protocol (issue #5): every version per scope (the PCN, each practice), drafts
// edited section by section, and the clinical safety sign-off that puts a version in force. Who may call
// each route is in src/http/route-access.ts ("The navigation protocol").

export const PROTOCOL_PATHS = {
  list: '/app/navigation/protocol',
  drafts: '/app/navigation/protocol/drafts',
  version: '/app/navigation/protocol/:id',
  section: '/app/navigation/protocol/:id/:section',
  approve: '/app/navigation/protocol/:id/approve',
  discard: '/app/navigation/protocol/:id/discard',
} as const;

/**
 * Registers the protocol pages.
 * @param app - the Fastify instance
 * @param deps - database, configuration, tenant and (for tests) the clock
 */
export function protocolRoutes(app: FastifyInstance, deps: NavigationDeps): void {
  const P = PROTOCOL_PATHS;
  app.get(P.list, async (request, reply) => protocolListGet(deps, request, reply));
  app.post(P.drafts, async (request, reply) => draftsPost(deps, request, reply));
  app.get(P.version, async (request, reply) => versionGet(deps, request, reply));
  app.get(P.section, async (request, reply) => sectionGet(deps, request, reply));
  app.post(P.section, async (request, reply) => sectionPost(deps, request, reply));
  app.post(P.approve, async (request, reply) => approvePost(deps, request, reply));
  app.post(P.discard, async (request, reply) => discardPost(deps, request, reply));
}
