import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { barChartSvg, columnChartSvg, escapeXml } from './reports-chart.ts';

const chart = { id: 'c1', title: 'Destinations chosen', description: 'Pharmacy most often' };

function parse(svg: string): cheerio.CheerioAPI {
  return cheerio.load(svg, { xml: true });
}

describe('barChartSvg', () => {
  it('is an accessible image named by its title and description', () => {
    const $ = parse(barChartSvg([{ label: 'Pharmacy', value: 3 }], chart));
    const svg = $('svg');
    expect(svg.attr('role')).toBe('img');
    expect(svg.attr('aria-labelledby')).toBe('c1-title c1-desc');
    expect($('title#c1-title').text()).toBe('Destinations chosen');
    expect($('desc#c1-desc').text()).toBe('Pharmacy most often');
  });

  it('draws the largest value across the whole bar area and the others in proportion', () => {
    const $ = parse(
      barChartSvg(
        [
          { label: 'Pharmacy', value: 8 },
          { label: 'Physio', value: 2 },
          { label: 'Dentist', value: 0 },
        ],
        chart,
      ),
    );
    const widths = $('rect')
      .toArray()
      .map((r) => Number($(r).attr('width')));
    expect(widths).toEqual([300, 75, 0]);
    expect(
      $('text')
        .toArray()
        .map((t) => $(t).text()),
    ).toEqual(['Pharmacy', '8', 'Physio', '2', 'Dentist', '0']);
  });

  it('prints the text given for a value, and shortens long labels', () => {
    const $ = parse(
      barChartSvg(
        [{ label: 'Self-referral talking therapies and other things', value: 0, text: 'fewer than 5' }],
        chart,
      ),
    );
    const texts = $('text')
      .toArray()
      .map((t) => $(t).text());
    expect(texts[0]).toBe('Self-referral talking therapi…');
    expect(texts[1]).toBe('fewer than 5');
  });

  it('escapes names that look like markup', () => {
    const svg = barChartSvg([{ label: '<script>alert("x")</script> & co', value: 1 }], {
      ...chart,
      title: 'A "quoted" <title>',
    });
    expect(svg).not.toContain('<script>');
    expect(parse(svg)('title').first().text()).toBe('A "quoted" <title>');
  });

  it('draws an empty chart when there is nothing to show', () => {
    const $ = parse(barChartSvg([], chart));
    expect($('rect')).toHaveLength(0);
    expect($('svg').attr('viewBox')).toBe('0 0 640 36');
  });
});

describe('columnChartSvg', () => {
  const days = [
    { label: '3 Nov', value: 10 },
    { label: '4 Nov', value: 5 },
    { label: '5 Nov', value: 0 },
    { label: '6 Nov', value: 20 },
  ];

  it('scales columns to the largest value and marks it on the axis', () => {
    const $ = parse(columnChartSvg(days, chart));
    const heights = $('rect')
      .toArray()
      .map((r) => Number($(r).attr('height')));
    expect(heights).toEqual([80, 40, 0, 160]);
    expect($('text').first().text()).toBe('20');
  });

  it('labels every n-th column and the last, and names each column in its tooltip', () => {
    const $ = parse(columnChartSvg(days, chart, 2));
    const labels = $('text')
      .toArray()
      .map((t) => $(t).text())
      .slice(2);
    expect(labels).toEqual(['3 Nov', '5 Nov', '6 Nov']);
    expect($('rect title').first().text()).toBe('3 Nov: 10');
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom's & Jerry's</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;Tom&#39;s &#38; Jerry&#39;s&#60;/a&#62;',
    );
  });
});
