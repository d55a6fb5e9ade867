import fc from 'fast-check';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlScanner } from '../../electron/core/tabular/xml-scanner';

type XmlEvent = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Adjacent text events joined, empty ones dropped: where a parser cuts a text is not part of what it means. Text
 * outside the root element (line breaks around it) is no content either; the scanner does not hand it on.
 */
function normalise(events: XmlEvent[]): XmlEvent[] {
  const out: XmlEvent[] = [];
  let depth = 0;
  for (const e of events) {
    if (e[0] === 'open') depth++;
    else if (e[0] === 'close') depth--;
    else if (depth === 0) continue;
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else out.push(e[0] === 'open' ? ['open', e[1], { ...e[2] }] : [...e] as XmlEvent);
  }
  return out.filter((e) => e[0] !== 'text' || e[1] !== '');
}

function scan(chunks: string[]): XmlEvent[] {
  const events: XmlEvent[] = [];
  const scanner = new XmlScanner({
    open: (name, attrs) => events.push(['open', name, attrs]),
    text: (text) => events.push(['text', text]),
    close: (name) => events.push(['close', name]),
  });
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return normalise(events);
}

/** The oracle: saxes, a conforming streaming XML parser (the one the workbook reader used before). */
function saxes(xml: string): XmlEvent[] {
  const events: XmlEvent[] = [];
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('opentag', (tag) => events.push(['open', localName(tag.name), { ...(tag as SaxesTagPlain).attributes }]));
  parser.on('text', (text) => events.push(['text', text]));
  parser.on('cdata', (text) => events.push(['text', text]));
  parser.on('closetag', (tag) => events.push(['close', localName(tag.name)]));
  parser.write(xml);
  parser.close();
  return normalise(events);
}

/** Cuts `text` at the given points (taken modulo its length). */
function cut(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of at) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

// Characters worth a parser's attention: markup, quotes, references, line ends, non-ASCII of every UTF-16 width.
const char = fc.constantFrom('a', 'Z', '0', ' ', '&', '<', '>', '"', "'", '\t', '\n', '\r', '\r\n', ';', '#', ']', '-', '?', '/', '=', 'ü', 'ß', '€', '😀', '\u00a0', '\u2028');
const rawText = fc.string({ unit: char, maxLength: 12 });

/** A character as XML writes it: escaped where it must be, sometimes as a character reference where it may be. */
function escape(s: string, quote: '"' | "'" | null, refs: boolean[]): string {
  let k = 0;
  return Array.from(s, (ch) => {
    const asRef = refs[k++ % Math.max(1, refs.length)] ?? false;
    if (ch === '&') return '&amp;';
    if (ch === '<') return '&lt;';
    if (ch === '>' && quote === null) return asRef ? '&#62;' : '&gt;';
    if (ch === quote) return quote === '"' ? '&quot;' : '&apos;';
    if (asRef && ch !== '\r' && ch !== '\n') return k % 2 ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`;
    return ch;
  }).join('');
}

const names = fc.constantFrom('row', 'c', 'v', 'x:row', 'x:c', 'is', 't', 'si', 'sheet-data', 'r.q', 'a_b');
const attrNames = fc.constantFrom('r', 't', 's', 'spans', 'r:id', 'xml:space', 'si', 'x14ac:dyDescent');
const refs = fc.array(fc.boolean(), { maxLength: 5 });
const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ');

const attribute = fc.record({ name: attrNames, value: rawText, quote: fc.constantFrom('"' as const, "'" as const), refs, before: fc.constantFrom(' ', '\n', '\t', ' \r\n '), eq: fc.constantFrom('=', ' = ', '\n=\t') });

type Node = string;
const { node } = fc.letrec<{ node: Node; element: Node; leaf: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('element')),
  leaf: fc.oneof(
    fc.tuple(rawText, refs).map(([t, r]) => escape(t, null, r)),
    fc.string({ unit: char, maxLength: 10 }).filter((t) => !t.includes(']]>')).map((t) => `<![CDATA[${t}]]>`),
    fc.string({ unit: char, maxLength: 10 }).filter((t) => !t.includes('--') && !t.endsWith('-')).map((t) => `<!--${t}-->`),
    fc.string({ unit: char, maxLength: 10 }).filter((t) => !t.includes('?>')).map((t) => `<?pi ${t}?>`),
  ),
  element: fc.record({
    name: names,
    attrs: fc.uniqueArray(attribute, { maxLength: 4, selector: (a) => a.name }),
    children: fc.array(tie('node'), { maxLength: 4 }),
    selfClosing: fc.boolean(),
    trailing: space,
  }).map(({ name, attrs, children, selfClosing, trailing }) => {
    const a = attrs.map((x) => `${x.before}${x.name}${x.eq}${x.quote}${escape(x.value, x.quote, x.refs)}${x.quote}`).join('');
    return selfClosing && children.length === 0 ? `<${name}${a}${trailing}/>` : `<${name}${a}${trailing}>${children.join('')}</${name}${trailing}>`;
  }),
}));

const document = fc.record({
  declaration: fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n', '<?xml version="1.0"?>'),
  before: fc.constantFrom('', '\n', '<!-- vorher -->\n', '<!DOCTYPE worksheet>\n'),
  root: fc.record({ name: names, children: fc.array(node, { maxLength: 5 }) }).map(({ name, children }) => `<${name} xmlns="urn:x" xmlns:x="urn:x">${children.join('')}</${name}>`),
  after: fc.constantFrom('', '\n', '  <!-- nachher -->\r\n'),
}).map((d) => d.declaration + d.before + d.root + d.after);

describe('XmlScanner', () => {
  it('gives the events saxes gives, however the document is cut into chunks', () => {
    fc.assert(fc.property(document, fc.array(fc.nat(), { maxLength: 8 }), (xml, points) => {
      expect(scan(cut(xml, points))).toEqual(saxes(xml));
    }), { numRuns: process.env.CI ? 500 : 2000 });
  });

  it('refuses a document cut anywhere before its end, wherever the chunks end', () => {
    fc.assert(fc.property(document, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), (xml, at, points) => {
      const end = xml.lastIndexOf('>', xml.lastIndexOf('</')); // cut inside the root's end tag or earlier
      const truncated = xml.slice(0, at % (end + 1));
      expect(() => scan(cut(truncated, points))).toThrow();
    }), { numRuns: process.env.CI ? 300 : 1000 });
  });

  it('an Excel sheet row: prefixed names, attributes, numbers, shared and inline strings', () => {
    const xml = '<x:worksheet xmlns:x="urn:s"><x:sheetData><x:row r="2" spans="1:3"><x:c r="A2" t="s"><x:v>7</x:v></x:c>'
      + '<x:c r="B2" t="inlineStr"><x:is><x:t xml:space="preserve"> Müller &amp; Söhne </x:t></x:is></x:c><x:c r="C2"/></x:row></x:sheetData></x:worksheet>';
    expect(scan(cut(xml, [5, 40, 41, 90, 130]))).toEqual([
      ['open', 'worksheet', { 'xmlns:x': 'urn:s' }], ['open', 'sheetData', {}], ['open', 'row', { r: '2', spans: '1:3' }],
      ['open', 'c', { r: 'A2', t: 's' }], ['open', 'v', {}], ['text', '7'], ['close', 'v'], ['close', 'c'],
      ['open', 'c', { r: 'B2', t: 'inlineStr' }], ['open', 'is', {}], ['open', 't', { 'xml:space': 'preserve' }],
      ['text', ' Müller & Söhne '], ['close', 't'], ['close', 'is'], ['close', 'c'],
      ['open', 'c', { r: 'C2' }], ['close', 'c'], ['close', 'row'], ['close', 'sheetData'], ['close', 'worksheet'],
    ]);
  });

  it.each([
    ['<a><b></a>', '</a> where </b> was expected'],
    ['<a></a></b>', '</b> without its start tag'],
    ['<a>&nbsp;</a>', 'unknown entity &nbsp;'],
    ['<a>&#0;</a>', 'unknown entity &#0;'],
    ['<a>Fish & Chips</a>', '"&" without ";"'],
    ['<a b=1/>', 'attribute b of <a> without quotes'],
    ['<a b/>', 'attribute b of <a> without a value'],
    ['<a b="1"c="2"/>', 'no space after attribute b of <a>'],
    ['<a b="<"/>', '"<" in an attribute value'],
    ['<a>< b</a>', 'a "<" that starts no tag'],
    ['<a><b>', 'the XML ends inside <b>'],
    ['<a><b', 'the XML ends inside a tag'],
    ['\n', 'the XML has no element'],
    ['<a><!ENTITY x "y"></a>', 'unknown markup'],
  ])('%s is refused: %s', (xml, message) => {
    expect(() => scan([xml])).toThrow(message);
  });

  it('a text of 2 MB in 16 KB chunks is handed on as it comes, not held back', () => {
    const texts: number[] = [];
    const scanner = new XmlScanner({ open() {}, text: (t) => texts.push(t.length), close() {} });
    scanner.write('<t>');
    for (let i = 0; i < 128; i++) scanner.write('x'.repeat(16_384));
    scanner.write('</t>');
    scanner.close();
    expect(texts.length).toBe(128);
    expect(texts.reduce((a, b) => a + b, 0)).toBe(2 * 1024 * 1024);
  });
});
