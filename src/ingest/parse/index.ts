/**
 * Article parsing: scraped page text, plain text and JSON Lines records → ParsedArticle.
 * Pure: no I/O. The body is cleaned (NFC, no zero-width characters) and mention offsets refer to it.
 */
import { cleanText } from '../../text/normalize';
import { findDates, parsePublished } from '../extract/dates';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../../text/dates';

export interface RelatedTeaser { section: string | null; title: string }

export interface ParsedArticle {
  id: string;
  title: string;
  section: string | null;
  outlet: string | null;
  dateline: string | null;
  byline: string | null;
  publishedOn: string | null;
  publishedAt: string | null;
  language: string;
  /** Paragraphs joined by "\n". */
  body: string;
  related: RelatedTeaser[];
  sourceUrl: string | null;
  /** The `id` the source gave the article (a JSON Lines record's): its identity, so a corrected text updates it. */
  sourceId?: string | null;
}

export class ParseError extends Error {
  constructor(message: string, readonly field?: string) { super(message); }
}

/** Fields of one JSON Lines record (as in the corpora) or of the ingestArticle mutation. */
export interface ArticleRecord {
  id?: string | number;
  url?: string | null;
  outlet?: string | null;
  publishedAt?: string | null;
  publishedText?: string | null;
  section?: string | null;
  title?: string | null;
  body?: string | null;
  author?: string | null;
  byline?: string | null;
  dateline?: string | null;
  language?: string | null;
}

const SCRAPED_LEAD = /^(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,2})\s+[–—-]\s+/u;
const TEASER_HEAD = /^-\s+(.+?)(\d+\s+(?:tahun|bulan|minggu|hari|jam|menit)(?:\s+(?:yang\s+)?lalu)?)\s*$/i;
const BYLINE_TAIL = /\s+(\(?[A-Za-z]{2,6}(?:\/[A-Za-z]{2,6})+\)?)\s*$/;
const LEAD_PATTERNS: RegExp[] = [
  // "Liputan6.com, Jakarta -", "TEMPO.CO, Jakarta -", "REPUBLIKA.CO.ID, CIREBON --", "JAKARTA, KOMPAS.com -"
  /^([\p{L}\d]+\.(?:com|co|co\.id|id))\s*,\s*(\p{L}[\p{L} ]{1,40}?)\s*(?:[-–—]{1,2}\s*|(?=\p{Lu}))/u,
  /^(\p{Lu}[\p{Lu} ]{2,40}),\s*([\p{L}\d]+\.(?:com|co|co\.id|id))\s*[-–—]{1,2}\s*/u,
  /^(\p{Lu}[\p{Lu} ]{2,40})\s*[-–—]{1,2}\s*/u,
];

function titleCasePlace(s: string): string {
  return s.trim().toLowerCase().replace(/(^|\s)(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** Splits "Outlet, Place -" style leads off the first paragraph. */
function splitLead(first: string): { dateline: string | null; outlet: string | null; rest: string } {
  for (const [i, re] of LEAD_PATTERNS.entries()) {
    const m = re.exec(first);
    if (!m) continue;
    if (i === 0) return { outlet: m[1], dateline: titleCasePlace(m[2]), rest: first.slice(m[0].length) };
    if (i === 1) return { outlet: m[2], dateline: titleCasePlace(m[1]), rest: first.slice(m[0].length) };
    if (i === 2 && m[1].trim().length <= 30 && !/\s{2}/.test(m[1])) return { outlet: null, dateline: titleCasePlace(m[1]), rest: first.slice(m[0].length) };
  }
  return { dateline: null, outlet: null, rest: first };
}

function paragraphs(text: string): string[] {
  return text.split(/\n+/).map((p) => p.replace(/[ \t]+/g, ' ').trim()).filter(Boolean);
}

function firstDate(body: string): string | null {
  const d = findDates(body, null).find((x) => /\d{4}/.test(body.slice(x.index, x.index + x.length)));
  return d ? d.start : null;
}

/** The scraped page format of the reference article: section, title, "Outlet Place – body…", byline, teasers. */
export function parseScrapedPage(raw: string, id: string): ParsedArticle | null {
  const lines = cleanText(raw).split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 3) return null;
  const lead = SCRAPED_LEAD.exec(lines[2]);
  if (!lead || lines[0].length > 60 || /[.!?]$/.test(lines[0])) return null;
  let end = lines.length;
  const related: RelatedTeaser[] = [];
  // Teasers: "- Section5 tahun" followed by the teaser title, repeated at the foot.
  for (let i = 3; i < lines.length; i++) {
    if (TEASER_HEAD.test(lines[i])) { end = i; break; }
  }
  for (let i = end; i < lines.length; i++) {
    const m = TEASER_HEAD.exec(lines[i]);
    if (m && i + 1 < lines.length) { related.push({ section: m[1].trim(), title: lines[i + 1] }); i++; }
  }
  const bodyLines = lines.slice(2, end);
  bodyLines[0] = bodyLines[0].slice(lead[0].length);
  let byline: string | null = null;
  const last = bodyLines.length - 1;
  const bm = BYLINE_TAIL.exec(bodyLines[last]);
  if (bm) { byline = bm[1].replace(/[()]/g, ''); bodyLines[last] = bodyLines[last].slice(0, bm.index).trim(); }
  const body = bodyLines.join('\n');
  return {
    id, title: lines[1], section: lines[0], outlet: lead[1], dateline: lead[2], byline,
    publishedOn: firstDate(body), publishedAt: null, language: 'id', body, related, sourceUrl: null,
  };
}

/** Plain text: title, blank line, body paragraphs. */
export function parsePlainText(raw: string, id: string): ParsedArticle {
  const text = cleanText(raw).trim();
  const cut = text.search(/\n\s*\n/);
  if (cut < 0) throw new ParseError('plain text needs a title line, a blank line and the body', 'body');
  const title = text.slice(0, cut).replace(/\s+/g, ' ').trim();
  const paras = paragraphs(text.slice(cut));
  if (!title) throw new ParseError('title is empty', 'title');
  if (paras.length === 0) throw new ParseError('body is empty', 'body');
  const { dateline, outlet, rest } = splitLead(paras[0]);
  paras[0] = rest;
  const body = paras.join('\n');
  return { id, title, section: null, outlet, dateline, byline: null, publishedOn: firstDate(body), publishedAt: null, language: 'id', body, related: [], sourceUrl: null };
}

const TEASER_PARA = /^(?:Advertisement|Baca Juga\b.*|(?:Simak|Lihat|Tonton|Saksikan)(?: juga)? [Vv]ideo\b.*)$/i;

/** A raw text file: the scraped page format when it looks like one, else plain text. */
export function parseText(raw: string, id: string): ParsedArticle {
  return parseScrapedPage(raw, id) ?? parsePlainText(raw, id);
}

const OUTLET_NAMES: Record<string, string> = {
  'liputan6.com': 'Liputan6', 'detik.com': 'detikcom', 'okezone.com': 'Okezone', 'tempo.co': 'Tempo', 'kompas.com': 'Kompas', 'republika.co.id': 'Republika',
};

/** One JSON Lines record (corpus fields) or structured mutation input. */
export function parseRecord(rec: ArticleRecord, fallbackId: string): ParsedArticle {
  const title = typeof rec.title === 'string' ? cleanText(rec.title).replace(/\s+/g, ' ').trim() : '';
  if (!title) throw new ParseError('title is missing or empty', 'title');
  if (typeof rec.body !== 'string' || !rec.body.trim()) throw new ParseError('body is missing or empty', 'body');
  // Page furniture is not the story: the scroll marker inside paragraphs, and video and "baca juga" teasers.
  const paras = paragraphs(cleanText(rec.body).replace(/SCROLL TO CONTINUE WITH CONTENT/g, ' '))
    .map((p) => p.trim()).filter((p) => p && !TEASER_PARA.test(p));
  if (paras.length === 0) throw new ParseError('body is empty', 'body');
  const lead = splitLead(paras[0]);
  paras[0] = lead.rest;
  const body = paras.join('\n');
  const pub = parsePublished(rec.publishedAt ?? rec.publishedText ?? null);
  // A date written YYYY-MM-DD that is no calendar date (2019-02-30, 0000-01-01) is refused, not stored: the
  // extractor's reading gives no date for it but keeps its time, which PostgreSQL would refuse mid-batch.
  const written = /(\d{4}-\d{2}-\d{2})/.exec(String(rec.publishedAt ?? rec.publishedText ?? ''));
  if (written && !isCalendarDate(written[1])) throw new ParseError(`publishedAt ${CALENDAR_DATE_MESSAGE}: ${written[1]}`, 'publishedAt');
  let sourceUrl: string | null = null;
  if (rec.url != null && rec.url !== '') {
    let u: URL;
    try { u = new URL(String(rec.url)); } catch { throw new ParseError(`url is not a valid URL: ${String(rec.url).slice(0, 100)}`, 'url'); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ParseError('url must be http or https', 'url');
    u.hash = '';
    sourceUrl = u.toString();
  }
  const outletRaw = rec.outlet ? String(rec.outlet).trim() : lead.outlet;
  const sourceId = rec.id != null && String(rec.id).trim() ? String(rec.id).trim() : null;
  if (sourceId && sourceId.length > 200) throw new ParseError('id must be at most 200 characters', 'id');
  return {
    id: rec.id != null ? String(rec.id) : fallbackId,
    sourceId,
    title,
    section: rec.section ? String(rec.section).trim() : null,
    outlet: outletRaw ? OUTLET_NAMES[outletRaw.toLowerCase()] ?? outletRaw : null,
    dateline: rec.dateline ?? lead.dateline,
    byline: rec.byline ?? (rec.author ? String(rec.author).trim() || null : null),
    publishedOn: pub.date ?? firstDate(body),
    publishedAt: pub.at,
    language: rec.language || 'id',
    body,
    related: [],
    sourceUrl,
  };
}
