import type { FastifyReply, FastifyRequest } from 'fastify';
import { listRoleHolders } from '../accounts/role-holders.repository.ts';
import type { NavigationDeps } from './navigation.deps.ts';
import type { NavigationProtocol } from './protocol.model.ts';
import { findProtocolInForce } from './protocol.repository.ts';
import { assessProgress } from './training-competency.ts';
import { scenariosFor } from './training-scenarios.ts';
import { listCompletedAttempts } from './training.repository.ts';
import { LEVEL_LIST, progressView } from './training.view-model.ts';

// The supervisor's view of navigator training: every user with the care navigator role, measured
// against the scenarios of the protocol in force for their practice (or the PCN's).

interface Navigator {
  userId: string;
  displayName: string;
  organisations: string[];
  practiceId: string | null;
}

async function listNavigators(deps: NavigationDeps): Promise<Navigator[]> {
  const holders = await listRoleHolders(deps.db, deps.tenant.id, 'care_navigator');
  const byUser = new Map<string, Navigator>();
  for (const h of holders) {
    const seen = byUser.get(h.userId);
    if (seen === undefined) {
      byUser.set(h.userId, {
        userId: h.userId,
        displayName: h.displayName,
        organisations: [h.organisationName],
        practiceId: h.practiceId,
      });
    } else {
      seen.organisations.push(h.organisationName);
      seen.practiceId ??= h.practiceId;
    }
  }
  return [...byUser.values()];
}

/**
 * GET /app/training/team: every navigator's scenarios completed, first-try score, red-flag scenarios
 * caught, competency level and last trained date.
 * @param deps - database, tenant and clock
 * @param _request - the request
 * @param reply - the reply
 */
export async function trainingTeamGet(
  deps: NavigationDeps,
  _request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const tenantId = deps.tenant.id;
  const navigators = await listNavigators(deps);
  const attempts = await listCompletedAttempts(
    deps.db,
    tenantId,
    navigators.map((n) => n.userId),
  );
  const protocols = new Map<string | null, Promise<NavigationProtocol>>();
  const rows = [];
  for (const n of navigators) {
    let protocol = protocols.get(n.practiceId);
    if (protocol === undefined) {
      protocol = findProtocolInForce(deps.db, tenantId, n.practiceId);
      protocols.set(n.practiceId, protocol);
    }
    const progress = assessProgress(scenariosFor((await protocol).content), attempts.get(n.userId) ?? []);
    rows.push({ name: n.displayName, organisations: n.organisations.join(', '), ...progressView(progress) });
  }
  return reply.view('navigation/views/training-team.njk', { navigators: rows, levels: LEVEL_LIST });
}
