import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyReport, sampleReport } from '../../../test/fixtures/sample-report.ts';
import { renderPptx } from './render-pptx.ts';

type Deck = { slides: string[]; charts: string[]; files: string[]; slideRels: string[] };

function byNumber(prefix: string, names: string[]): string[] {
  const pattern = new RegExp(`^${prefix}(\\d+)\\.xml$`);
  return names
    .filter((name) => pattern.test(name))
    .sort((a, b) => Number(pattern.exec(a)?.[1]) - Number(pattern.exec(b)?.[1]));
}

/** The presentation's parts, read back from the zip: slides and charts in order. */
async function readDeck(pptx: Buffer): Promise<Deck> {
  const zip = await JSZip.loadAsync(pptx);
  const files = Object.keys(zip.files);
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');
  const slideNames = byNumber('ppt/slides/slide', files);
  return {
    files,
    slides: await Promise.all(slideNames.map(read)),
    slideRels: await Promise.all(
      slideNames.map((name) =>
        read(name.replace('slides/', 'slides/_rels/').replace('.xml', '.xml.rels')),
      ),
    ),
    charts: await Promise.all(byNumber('ppt/charts/chart', files).map(read)),
  };
}

/** The visible texts of a slide, XML entities decoded, no-break spaces made plain. */
function texts(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((match) =>
    (match[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&')
      .replace(/\u00a0/g, ' '),
  );
}

function slideTitled(deck: Deck, title: string): string {
  const slide = deck.slides.find((xml) => texts(xml)[0] === title);
  if (!slide) throw new Error(`no slide titled ${title}`);
  return slide;
}

describe('renderPptx', () => {
  let deck: Deck;
  beforeAll(async () => {
    deck = await readDeck(await renderPptx(sampleReport()));
  });

  it('has a title, contents, part dividers, a slide per section, continuations and definitions', () => {
    // 1 title + 1 contents + 3 parts + 14 sections + 3 "(suite)" (1D, 1E, 2D) + 1 definitions
    expect(deck.slides).toHaveLength(23);
    expect(texts(deck.slides[0] ?? '')).toContain('Rapport d’activité 2020');
    expect(texts(deck.slides[1] ?? '')).toContain('    1D - Répartition par nature de problème');
    for (const section of sampleReport().sections) {
      slideTitled(deck, `${section.id} - ${section.title}`);
    }
    const continued = slideTitled(deck, '2D - Répartition par nature de problème (suite)');
    expect(texts(continued)).toContain('Total général');
    expect(texts(continued)).toContain('3 039');
    expect(texts(slideTitled(deck, 'Définitions'))).toContain('Ticket de la période : ');
  });

  it('draws native charts whose parts hold the series values and categories', () => {
    // No picture at all: the directory entry ppt/media/ is there, but empty.
    expect(
      deck.files.filter((name) => name.startsWith('ppt/media/') && !name.endsWith('/')),
    ).toEqual([]);
    expect(deck.charts).toHaveLength(12);
    const departements = deck.charts.find((xml) => xml.includes('<c:v>1137</c:v>'));
    expect(departements).toContain('<c:pieChart>');
    expect(departements).toContain('<c:v>Autre FP</c:v>');
    expect(departements).toContain('<c:v>132</c:v>');

    const monthly = deck.charts.find(
      (xml) => xml.includes('<c:v>févr.</c:v>') && xml.includes('<c:v>330</c:v>'),
    );
    expect(monthly).toContain('<c:barDir val="col"/>');
    expect(monthly).toContain('<c:grouping val="clustered"/>');
    expect(monthly?.match(/<c:ser>/g)).toHaveLength(2);
    expect(monthly).toContain('<c:v>2019</c:v>');
    expect(monthly).toContain('<c:showVal val="1"/>');

    const evolution = deck.charts.find((xml) => xml.includes('<c:lineChart>'));
    expect(evolution).toContain('<c:v>3654</c:v>');
    expect(evolution).toContain('<c:v>Support demandeurs</c:v>');
    // Each section slide links its charts as chart parts.
    const slide1c = deck.slides.findIndex((xml) => texts(xml)[0]?.startsWith('1C - '));
    expect(deck.slideRels[slide1c]).toMatch(/relationships\/chart"/);
  });

  it('prints the tables with French figures and greyed grouped rows', () => {
    const natures = slideTitled(deck, '1D - Répartition par nature de problème');
    const cells = texts(natures);
    expect(cells).toContain('Gestion comptes utilisateurs - UGE');
    expect(cells).toContain('1 649');
    expect(cells).toContain('45,1 %');
    expect(natures).toContain('D9D9D9');
  });

  it('escapes hostile labels in slides and charts', () => {
    const hostile = slideTitled(deck, '1G - Étiquettes libres (valeurs hostiles)');
    expect(texts(hostile)).toContain('<script>alert(1)</script>');
    expect(texts(hostile)).toContain("=cmd|' /C calc'!A0");
    for (const xml of [...deck.slides, ...deck.charts]) {
      expect(xml).not.toContain('<script');
    }
    expect(deck.charts.some((xml) => xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'))).toBe(
      true,
    );
  });

  it('renders a year without tickets with its notice', async () => {
    const empty = await readDeck(await renderPptx(emptyReport()));
    expect(empty.charts).toEqual([]);
    expect(texts(empty.slides[0] ?? '')).toContain(
      "Aucun ticket n'a été créé sur la période : le rapport est vide.",
    );
  });
});
