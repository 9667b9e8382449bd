import { describe, expect, it } from 'vitest';
import { OIDC_PROBLEM_PAGES } from './oidc.content.ts';

describe('OpenID sign-in problem pages', () => {
  it.each(Object.entries(OIDC_PROBLEM_PAGES))(
    '%s: an error status, a heading and whole sentences',
    (_key, page) => {
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.heading).toMatch(/^[A-Z][^.!]*[^.!\s]$/);
      expect(page.paragraphs.length).toBeGreaterThan(0);
      for (const text of [page.heading, ...page.paragraphs]) {
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\s{2,}|e\.g\.|"/);
      }
      for (const paragraph of page.paragraphs) {
        expect(paragraph).toMatch(/^[A-Z].*\.$/);
      }
    },
  );

  it('refuses with 403 and tells the person what to do', () => {
    expect(OIDC_PROBLEM_PAGES.refused.status).toBe(403);
    expect(`${OIDC_PROBLEM_PAGES.refused.heading}. ${OIDC_PROBLEM_PAGES.refused.paragraphs.join(' ')}`).toBe(
      'There is no Signpost account for this identity. Ask your Signpost administrator to invite you.',
    );
  });
});
