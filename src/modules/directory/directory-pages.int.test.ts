import { load, type CheerioAPI } from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { ensurePostcodeReferenceData } from '../geo/geo.service.ts';
import { seedDirectoryFixtures, type DirectoryFixtures } from '../../../test/support/directory-fixtures.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { directoryContent } from './directory.content.ts';

describe('public directory pages', () => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let fx: DirectoryFixtures;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await ensurePostcodeReferenceData(testDb.db);
    fx = await seedDirectoryFixtures(testDb.db, testDb.tenant.id);
    app = await createApp({
      db: testDb.db,
      config: createTestConfig(),
      tenant: testDb.tenant,
      logger: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  async function page(url: string): Promise<{ status: number; $: CheerioAPI; body: string }> {
    const res = await app.inject({ url, headers: { accept: 'text/html' } });
    return { status: res.statusCode, $: load(res.body), body: res.body };
  }

  function resultNames($: CheerioAPI): string[] {
    return $('.signpost-results .nhsuk-card__link')
      .map((_i, el) => $(el).text().trim())
      .get();
  }

  describe('GET /directory', () => {
    it('shows the empty start state with every filter and no results', async () => {
      const { status, $ } = await page('/directory');
      expect(status).toBe(200);
      expect($('head > title').text()).toBe('Find a community service - Signpost');
      expect($('h2').text()).toContain('Search the directory');
      expect($('.signpost-results')).toHaveLength(0);
      expect($('input[name="needs"]')).toHaveLength(16);
      expect(
        $('fieldset legend')
          .map((_i, el) => $(el).text().trim())
          .get(),
      ).toEqual(['What the person needs help with', 'How they get help', 'Capacity', 'Cost']);
      expect(
        $('#distance option')
          .map((_i, el) => $(el).attr('value'))
          .get(),
      ).toEqual(['1', '3', '5', '10', '25']);
    });

    it('finds services by words, with capacity, organisation and freshness on each card', async () => {
      const { status, $ } = await page('/directory?q=lonely');
      expect(status).toBe(200);
      expect(resultNames($)).toContain('Chapel Allerton Friendship Café');
      const card = $('.nhsuk-card').filter((_i, el) => $(el).text().includes('Friendship Café'));
      expect(card.find('.nhsuk-tag').text().trim()).toBe('Accepting people');
      expect(card.find('.nhsuk-tag').hasClass('nhsuk-tag--green')).toBe(true);
      expect(card.text()).toMatch(/Last checked \d{1,2} \w+ \d{4}/);
      expect(card.find('.nhsuk-card__link').attr('href')).toBe(
        `/directory/services/${fx.friendshipCafe}?q=lonely`,
      );
      expect($('#q').val()).toBe('lonely');
    });

    it('shows a stale capacity as unknown and an old listing as needing checking', async () => {
      const { $ } = await page('/directory?q=walking');
      const card = $('.nhsuk-card').filter((_i, el) => $(el).text().includes('Headingley Walking Group'));
      expect(card.find('.nhsuk-tag').text().trim()).toBe('Capacity unknown');
      expect(card.text()).toContain('Needs checking');
    });

    it('filters by need and delivery mode, keeps the boxes ticked and counts facets', async () => {
      const { status, $ } = await page('/directory?needs=money_debt&delivery=phone');
      expect(status).toBe(200);
      expect(resultNames($)).toEqual(['Leeds Money Advice']);
      expect($('input[name="needs"][value="money_debt"]').attr('checked')).toBeDefined();
      expect($('input[name="delivery"][value="phone"]').attr('checked')).toBeDefined();
      expect($('label[for="needs-2"]').text().trim()).toBe('Money and debt (1)');
      const card = $('.nhsuk-card').first();
      expect(card.text()).toContain("About 6 weeks' wait");
      expect(card.text()).toContain('By phone, By video call');
    });

    it('offers the local service types, grouped, with "Any type" first and no Signpost terms', async () => {
      const { $ } = await page('/directory');
      expect($('label[for="type"]').text().trim()).toBe('Type of service');
      const options = $('#type option')
        .map((_i, el) => ({ value: $(el).attr('value'), text: $(el).text() }))
        .get();
      const indent = '\u00a0'.repeat(4);
      expect(options).toEqual([
        { value: '', text: 'Any type' },
        { value: fx.serviceTypes.advice, text: 'Advice and money' },
        { value: fx.serviceTypes.debtAdvice, text: `${indent}Debt advice` },
        { value: fx.serviceTypes.connection, text: 'Social connection' },
        { value: fx.serviceTypes.socialGroups, text: `${indent}Social groups` },
      ]);
      expect($('#type option[selected]').attr('value')).toBe('');
    });

    it('filters by a service type and keeps it selected and in the links', async () => {
      const { status, $ } = await page(`/directory?type=${fx.serviceTypes.socialGroups}`);
      expect(status).toBe(200);
      expect(resultNames($)).toEqual(['Chapel Allerton Friendship Café']);
      expect($('#type option[selected]').attr('value')).toBe(fx.serviceTypes.socialGroups);
      const href = String($('.signpost-results .nhsuk-card__link').attr('href'));
      expect(href).toBe(`/directory/services/${fx.friendshipCafe}?type=${fx.serviceTypes.socialGroups}`);
      const service = await page(href);
      expect(service.$('.nhsuk-breadcrumb__link').last().attr('href')).toBe(
        `/directory?type=${fx.serviceTypes.socialGroups}`,
      );
    });

    it('includes the services of the types under a group', async () => {
      const { status, $ } = await page(`/directory?type=${fx.serviceTypes.connection}`);
      expect(status).toBe(200);
      expect(resultNames($).sort()).toEqual(['Chapel Allerton Friendship Café', 'Headingley Walking Group']);
      const advice = await page(`/directory?type=${fx.serviceTypes.advice}&delivery=phone`);
      expect(resultNames(advice.$)).toEqual(['Leeds Money Advice']);
      expect(advice.$('#type option[selected]').attr('value')).toBe(fx.serviceTypes.advice);
    });

    it('paginates with NHS.UK pagination that keeps the search', async () => {
      const first = await page('/directory?needs=community_groups');
      expect(first.$('#results-heading').text()).toBe('23 services found, showing 1 to 20');
      const next = first.$('.nhsuk-pagination__next').attr('href');
      expect(next).toBe('/directory?needs=community_groups&page=2');
      const second = await page(String(next));
      expect(second.$('.signpost-results > li')).toHaveLength(3);
      expect(second.$('.nhsuk-pagination__previous').attr('href')).toBe('/directory?needs=community_groups');
    });

    it('shows distances from a postcode', async () => {
      const { status, $ } = await page('/directory?q=lonely&postcode=ls7&distance=10');
      expect(status).toBe(200);
      expect($('.signpost-results').text()).toMatch(/\d+\.\d km away/);
      expect($('#postcode').val()).toBe('ls7');
      expect($('#distance option[selected]').attr('value')).toBe('10');
    });

    it('gives no-results guidance', async () => {
      const { status, $ } = await page('/directory?q=xylophone');
      expect(status).toBe(200);
      expect($('#results-heading').text()).toBe('No services found');
      expect($('.nhsuk-inset-text').text()).toContain('removing some filters');
    });

    it.each([
      [
        'a malformed postcode',
        'postcode=NOT+A+POSTCODE',
        'postcode',
        'pages.directory.postcode.validationError.format',
      ],
      [
        'an unknown postcode',
        'postcode=AB1+1AA',
        'postcode',
        'pages.directory.postcode.validationError.notFound',
      ],
      ['a BFPO number', 'postcode=BFPO+1234', 'postcode', 'pages.directory.postcode.validationError.bfpo'],
      ['an age that is not a number', 'age=forty', 'age', 'pages.directory.age.validationError.integer'],
      ['an age out of range', 'age=130', 'age', 'pages.directory.age.validationError.range'],
      [
        'a distance not on the list',
        'postcode=LS7&distance=7',
        'distance',
        'pages.directory.distance.validationError.invalid',
      ],
      [
        'a malformed type of service',
        'type=not-a-term',
        'type',
        'pages.directory.type.validationError.invalid',
      ],
      [
        'an unknown type of service',
        'type=6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d',
        'type',
        'pages.directory.type.validationError.invalid',
      ],
    ] as const)(
      're-renders %s with status 400, the error summary and the input kept',
      async (_name, qs, field, key) => {
        const { status, $ } = await page(`/directory?q=cafe&${qs}`);
        expect(status).toBe(400);
        expect($('head > title').text()).toBe('Error: Find a community service - Signpost');
        const summaryLinks = $('.nhsuk-error-summary a');
        expect(summaryLinks).toHaveLength(1);
        expect(summaryLinks.attr('href')).toBe(`#${field}`);
        expect(summaryLinks.text().trim()).toBe(directoryContent[key]);
        expect($(`#${field}-error`).text()).toContain(directoryContent[key]);
        expect($(`#${field}`).attr('aria-describedby')).toContain(`${field}-error`);
        // Every text box keeps what was typed (a select cannot show a value it does not offer).
        for (const [name, value] of new URLSearchParams(qs)) {
          if (name !== 'distance' && name !== 'type') {
            expect($(`#${name}`).val()).toBe(value);
          }
        }
        expect($('#q').val()).toBe('cafe');
        expect($('.signpost-results')).toHaveLength(0);
      },
    );

    it('lists several errors in page order', async () => {
      const { status, $ } = await page('/directory?age=x&type=x&postcode=!!');
      expect(status).toBe(400);
      expect(
        $('.nhsuk-error-summary a')
          .map((_i, el) => $(el).attr('href'))
          .get(),
      ).toEqual(['#postcode', '#type', '#age']);
    });

    it('ignores unknown filter values only as errors, never a 500', async () => {
      const { status, $ } = await page('/directory?needs=flying&capacity=maybe');
      expect(status).toBe(400);
      expect(
        $('.nhsuk-error-summary a')
          .map((_i, el) => $(el).attr('href'))
          .get(),
      ).toEqual(['#needs', '#capacity']);
    });
  });

  describe('GET /directory/services/:id', () => {
    it('explains a full service: what, who, how, when, where, cost and capacity', async () => {
      const { status, $ } = await page(`/directory/services/${fx.friendshipCafe}?q=lonely&postcode=LS7`);
      expect(status).toBe(200);
      expect($('h1').text().trim()).toBe('Chapel Allerton Friendship Café');
      expect($('head > title').text()).toBe('Chapel Allerton Friendship Café - Signpost');
      const text = $('main').text().replace(/\s+/g, ' ');
      expect($('.nhsuk-card--warning').text()).toContain('closed on 24 December');
      expect(text).toContain('Not suitable for people who need personal care');
      expect(text).toContain('Tuesdays and Thursdays, 10am to 12pm');
      expect(text).toContain('Drop in any time during the session.');
      expect(text).toContain('18 and over');
      expect(text).toContain('Loneliness and isolation, Community groups and activities');
      expect(text).toContain('People can refer themselves');
      expect(text).toContain('Takes referrals from professionals');
      expect(text).toContain('LS7 4NA');
      expect(text).toContain('Tea and cake: Free (Donations welcome)');
      expect(text).toContain('Updated 2 days ago by Priya, café coordinator');
      expect(text).toContain('English, Urdu');
      expect($('a[href="tel:01134960000"]').text()).toBe('0113 496 0000');
      expect($('a[href="mailto:cafe@leeds-community.example.org"]')).toHaveLength(1);
      expect($('.nhsuk-breadcrumb__link').last().attr('href')).toBe('/directory?q=lonely&postcode=LS7');
      expect($(`a[href="/directory/services/${fx.friendshipCafe}/print"]`)).toHaveLength(1);
      const headings = $('main h1, main h2')
        .map((_i, el) => el.tagName)
        .get();
      expect(headings[0]).toBe('h1');
    });

    it('says "Online or by phone" for a virtual service and shows a stale capacity as unknown', async () => {
      const helpline = await page(`/directory/services/${fx.carersHelpline}`);
      expect(helpline.$('main').text()).toContain('Online or by phone');
      const walking = await page(`/directory/services/${fx.walkingGroup}`);
      const text = walking.$('main').text().replace(/\s+/g, ' ');
      expect(text).toContain('Capacity unknown');
      expect(text).toContain('Last reported as Accepting people');
      expect(text).toContain('Needs checking');
    });

    it('renders a minimal service with plain "not given" guidance', async () => {
      const { status, $ } = await page(`/directory/services/${fx.minimal}`);
      expect(status).toBe(200);
      const text = $('main').text().replace(/\s+/g, ' ');
      expect(text).toContain('No description has been given');
      expect(text).toContain('No times have been given');
      expect(text).toContain('No contact details have been given');
      expect(text).toContain('Capacity unknown');
      expect($('.nhsuk-breadcrumb__link').last().attr('href')).toBe('/directory');
    });

    it.each([
      ['an unknown id', '/directory/services/6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d'],
      ['a malformed id', '/directory/services/not-a-uuid'],
      ['SQL in the id', "/directory/services/1'%20OR%20'1'='1"],
      ['an unknown id (print)', '/directory/services/6f1c2b9e-8d3a-4f5b-9c7d-1e2f3a4b5c6d/print'],
      ['a malformed id (print)', '/directory/services/x/print'],
    ])('answers %s with the 404 page', async (_name, url) => {
      const { status, $ } = await page(url);
      expect(status).toBe(404);
      expect($('h1').text()).toBe('Page not found');
    });

    it('does not show another tenant’s service', async () => {
      const other = await testDb.db
        .insertInto('tenant')
        .values({ slug: 'other-pcn', name: 'Other PCN' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const otherApp = await createApp({
        db: testDb.db,
        config: createTestConfig(),
        tenant: { id: other.id, slug: 'other-pcn', name: 'Other PCN' },
        logger: false,
      });
      const res = await otherApp.inject({
        url: `/directory/services/${fx.friendshipCafe}`,
        headers: { accept: 'text/html' },
      });
      await otherApp.close();
      expect(res.statusCode).toBe(404);
    });
  });

  describe('GET /directory/services/:id/print', () => {
    it('is a plain page without navigation or forms', async () => {
      const { status, $ } = await page(`/directory/services/${fx.friendshipCafe}/print`);
      expect(status).toBe(200);
      expect($('h1').text().trim()).toBe('Chapel Allerton Friendship Café');
      expect($('.nhsuk-header, .nhsuk-footer, form, .nhsuk-breadcrumb')).toHaveLength(0);
      expect($('main').text()).toContain('Tuesdays and Thursdays, 10am to 12pm');
    });
  });

  describe('GET /about/data', () => {
    it('carries the required postcode attribution word for word and the ORUK licence', async () => {
      const { status, $ } = await page('/about/data');
      expect(status).toBe(200);
      const lines = $('.signpost-attribution')
        .text()
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      expect(lines).toEqual([
        'Contains OS data © Crown copyright and database right 2025',
        'Contains Royal Mail data © Royal Mail copyright and database right 2025',
        'Contains National Statistics data © Crown copyright and database right 2025',
        'Source: Office for National Statistics licensed under the Open Government Licence v.3.0',
      ]);
      expect($('a[href="https://creativecommons.org/licenses/by-sa/4.0/"]')).toHaveLength(1);
      expect($('main').text()).toContain('LG Inform Plus');
    });

    it('is linked from the footer of every page', async () => {
      const { $ } = await page('/');
      expect($('footer a[href="/about/data"]').text().trim()).toBe('Data sources and licences');
    });
  });
});
