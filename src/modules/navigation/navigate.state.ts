import type { NavigationRecord } from './navigation-record.repository.ts';

// Where a navigation is, read only from its record: the red-flag check always comes first, a red flag
// stops the navigation, then the patient's needs, the options and their choice, then their own copy.
// Every page and every POST asks this, so no step can be reached (or written) out of order.

export type NavigationStep = 'red-flags' | 'stopped' | 'needs' | 'options' | 'copy' | 'done';

/**
 * The step a navigation is at now.
 * @param record - the navigation record
 */
export function currentStep(record: NavigationRecord): NavigationStep {
  if (record.redFlagOutcome === null) {
    return 'red-flags';
  }
  if (record.redFlagOutcome !== 'none') {
    return 'stopped';
  }
  if (record.needs.length === 0) {
    return 'needs';
  }
  if (record.outcome === null) {
    return 'options';
  }
  return record.copyChannel === null ? 'copy' : 'done';
}

/**
 * "1 min 20 s": how long ago the navigation started, in whole seconds.
 * @param startedAt - when it started
 * @param now - now
 */
export function elapsedText(startedAt: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000));
  const minutes = Math.floor(seconds / 60);
  if (minutes >= 60) {
    return `${String(Math.floor(minutes / 60))} h ${String(minutes % 60)} min`;
  }
  return minutes === 0 ? `${String(seconds)} s` : `${String(minutes)} min ${String(seconds % 60)} s`;
}
