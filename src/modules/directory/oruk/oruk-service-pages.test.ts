import { describe, expect, it, vi } from 'vitest';
import { PageBoundaryCache } from './oruk-service-pages.ts';

const boundary = (name: string): { name: string; id: string }[] => [
  { name, id: '00000000-0000-4000-8000-000000000000' },
];

describe('PageBoundaryCache', () => {
  it('computes once per version and page size, sharing one computation between callers', async () => {
    const cache = new PageBoundaryCache();
    const compute = vi.fn(() => Promise.resolve(boundary('a')));
    const [first, second] = await Promise.all([
      cache.boundaries('v1', 50, compute),
      cache.boundaries('v1', 50, compute),
    ]);
    expect(first).toBe(second);
    expect(compute).toHaveBeenCalledTimes(1);
    await cache.boundaries('v1', 20, compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('recomputes when the version moves', async () => {
    const cache = new PageBoundaryCache();
    await cache.boundaries('v1', 50, () => Promise.resolve(boundary('old')));
    expect(await cache.boundaries('v2', 50, () => Promise.resolve(boundary('new')))).toEqual(boundary('new'));
  });

  it('does not keep a failed computation', async () => {
    const cache = new PageBoundaryCache();
    await expect(cache.boundaries('v1', 50, () => Promise.reject(new Error('timeout')))).rejects.toThrow(
      'timeout',
    );
    expect(await cache.boundaries('v1', 50, () => Promise.resolve(boundary('ok')))).toEqual(boundary('ok'));
  });

  it('keeps at most eight page sizes, dropping the oldest', async () => {
    const cache = new PageBoundaryCache();
    const compute = vi.fn(() => Promise.resolve(boundary('x')));
    for (let size = 1; size <= 9; size += 1) {
      await cache.boundaries('v1', size, compute);
    }
    await cache.boundaries('v1', 9, compute);
    expect(compute).toHaveBeenCalledTimes(9);
    await cache.boundaries('v1', 1, compute);
    expect(compute).toHaveBeenCalledTimes(10);
  });
});
