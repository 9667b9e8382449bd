import { describe, expect, it, vi } from 'vitest';
import { PageBoundaryCache } from './oruk-list-pages.ts';

const boundary = (name: string): { name: string; id: string }[] => [
  { name, id: '00000000-0000-4000-8000-000000000000' },
];

describe('PageBoundaryCache', () => {
  it('computes once per version and page size, sharing one computation between callers', async () => {
    const cache = new PageBoundaryCache();
    const compute = vi.fn(() => Promise.resolve(boundary('a')));
    const [first, second] = await Promise.all([
      cache.boundaries('k50', 'v1', compute),
      cache.boundaries('k50', 'v1', compute),
    ]);
    expect(first).toBe(second);
    expect(compute).toHaveBeenCalledTimes(1);
    await cache.boundaries('k20', 'v1', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('recomputes when the version moves', async () => {
    const cache = new PageBoundaryCache();
    await cache.boundaries('k50', 'v1', () => Promise.resolve(boundary('old')));
    expect(await cache.boundaries('k50', 'v2', () => Promise.resolve(boundary('new')))).toEqual(
      boundary('new'),
    );
  });

  it('does not keep a failed computation', async () => {
    const cache = new PageBoundaryCache();
    await expect(cache.boundaries('k50', 'v1', () => Promise.reject(new Error('timeout')))).rejects.toThrow(
      'timeout',
    );
    expect(await cache.boundaries('k50', 'v1', () => Promise.resolve(boundary('ok')))).toEqual(
      boundary('ok'),
    );
  });

  it('keeps at most eight lists, dropping the oldest', async () => {
    const cache = new PageBoundaryCache();
    const compute = vi.fn(() => Promise.resolve(boundary('x')));
    for (let size = 1; size <= 9; size += 1) {
      await cache.boundaries(`k${size}`, 'v1', compute);
    }
    await cache.boundaries('k9', 'v1', compute);
    expect(compute).toHaveBeenCalledTimes(9);
    await cache.boundaries('k1', 'v1', compute);
    expect(compute).toHaveBeenCalledTimes(10);
  });
});
