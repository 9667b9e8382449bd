import { v5 as uuidv5 } from 'uuid';

// Determinism for the demo seed: every id is a UUID v5 of a stable key, and every "random" choice comes from
// a PRNG seeded by a stable key, so seeding twice writes exactly the same rows (and so changes nothing).

/** Namespace for the demo seed's ids (a fixed random UUID; never change it, or reseeding duplicates). */
export const DEMO_NAMESPACE = '0b6c1f4e-5d2a-4c8e-9f31-7a4d2e6b8c90';

/**
 * A deterministic id for a demo entity, per tenant (two tenants seeded with the demo never share ids).
 * @param tenantId - the tenant being seeded
 * @param kind - the entity kind, e.g. `service`
 * @param key - the entity's stable key within its kind
 */
export function demoId(tenantId: string, kind: string, key: string): string {
  return uuidv5(`${tenantId}:${kind}:${key}`, DEMO_NAMESPACE);
}

/** FNV-1a: a small, stable 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seeded pseudo-random generator (mulberry32) with the few helpers the seed needs. */
export class DemoRandom {
  private state: number;

  constructor(seed: string) {
    this.state = hashString(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error('DemoRandom.pick needs a non-empty list');
    }
    return item;
  }

  /** Up to `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) {
      chosen.add(Math.floor(this.next() * items.length));
    }
    return items.filter((_, i) => chosen.has(i));
  }
}
