import type { TriageCursor, TriageQueueItem } from './triage.repository.ts';

// The triage queue's keyset cursor: where the next page starts, as a URL-safe string.

/**
 * The cursor for the page after this item.
 * @param item - the last item of a page
 */
export function cursorAfter(item: TriageQueueItem): TriageCursor {
  return {
    flagged: item.flaggedForClinician,
    urgency: item.urgency,
    receivedAt: item.receivedAt,
    id: item.id,
  };
}

/**
 * A cursor as a URL-safe string, and back (undefined when it cannot be read).
 * @param cursor - the cursor
 */
export function encodeCursor(cursor: TriageCursor): string {
  const text = [cursor.flagged ? '1' : '0', cursor.urgency, cursor.receivedAt.toISOString(), cursor.id].join(
    '~',
  );
  return Buffer.from(text).toString('base64url');
}

/**
 * Reads a cursor written by encodeCursor.
 * @param value - the query parameter
 */
export function decodeCursor(value: unknown): TriageCursor | undefined {
  if (typeof value !== 'string' || value.length > 200) {
    return undefined;
  }
  const [flagged, urgency, at, id] = Buffer.from(value, 'base64url').toString('utf8').split('~');
  const receivedAt = new Date(at);
  const validUrgency = urgency === 'routine' || urgency === 'soon' || urgency === 'urgent';
  const validId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  if (
    (flagged !== '0' && flagged !== '1') ||
    !validUrgency ||
    !validId ||
    Number.isNaN(receivedAt.getTime())
  ) {
    return undefined;
  }
  return { flagged: flagged === '1', urgency, receivedAt, id };
}
