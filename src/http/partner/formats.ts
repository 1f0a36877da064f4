/**
 * The partner formats of an event: schema.org JSON-LD, an iCalendar entry (ical-generator: escaping, folding,
 * all-day dates with an exclusive DTEND), and the small self-contained HTML card.
 */
import crypto from 'node:crypto';
import type { ICalCalendar } from 'ical-generator';
import type { EventView } from './event-view';
import { escapeHtml } from '../../html';
import { CARD_IMAGE } from './image';

const GOVERNMENT_KINDS = new Set(['NATIONAL_GOVERNMENT', 'MINISTRY', 'COORDINATING_MINISTRY', 'REGIONAL_GOVERNMENT', 'AGENCY', 'BUREAU', 'OFFICE', 'LEGISLATURE', 'POLICE', 'MILITARY', 'JUDICIARY', 'PROSECUTOR']);
const KIND_LABEL: Record<string, string> = {
  RAKOR: 'Rapat Koordinasi', RAKORNAS: 'Rapat Koordinasi Nasional', RAKER: 'Rapat Kerja', RAPAT: 'Rapat', RAPAT_PARIPURNA: 'Rapat Paripurna', RDP: 'Rapat Dengar Pendapat',
  MUSRENBANG: 'Musrenbang', SOSIALISASI: 'Sosialisasi', BIMTEK: 'Bimbingan Teknis', PELATIHAN: 'Pelatihan', WORKSHOP: 'Lokakarya', SEMINAR: 'Seminar', FGD: 'Diskusi Kelompok Terpumpun',
  PELANTIKAN: 'Pelantikan', PERESMIAN: 'Peresmian', PENANDATANGANAN: 'Penandatanganan', KUNKER: 'Kunjungan Kerja', RESES: 'Reses', APEL: 'Apel', UPACARA: 'Upacara',
  EXHIBITION: 'Pameran', FESTIVAL: 'Festival', LAUNCHING: 'Peluncuran', HEARING: 'Dengar Pendapat', PEMILIHAN: 'Pemilihan', OTHER: 'Kegiatan',
};
export const ROLE_LABEL: Record<string, string> = { OPENER: 'membuka acara', SPEAKER: 'narasumber', HOST: 'tuan rumah', ATTENDEE: 'hadir', ORGANIZER: 'penyelenggara' };
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export function kindLabel(kind: string): string { return KIND_LABEL[kind] ?? kind; }

/** "13–15 November 2019", "30 Oktober – 2 November 2019", "13 November 2019". */
export function indonesianDates(start: string | null, end: string | null): string {
  if (!start) return 'Tanggal belum diketahui';
  const [y1, m1, d1] = start.split('-').map(Number);
  if (!end || end === start) return `${d1} ${MONTHS[m1 - 1]} ${y1}`;
  const [y2, m2, d2] = end.split('-').map(Number);
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${MONTHS[m1 - 1]} ${y1}`;
  if (y1 === y2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y1}`;
  return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
}

/**
 * What search engines need of an Event before they show it (Google's required fields): a start date and a location.
 * Events without them are still described in their .jsonld (schema.org requires nothing), but the HTML pages leave
 * their JSON-LD out rather than publish an Event search engines reject, and the .jsonld says what is missing.
 */
export function missingForSearch(e: EventView): string[] {
  return [...(e.startDate ? [] : ['startDate']), ...(e.venue || e.city ? [] : ['location'])];
}

/** One line about the event: its kind, where, and the reported participant count (schema.org has no property for it). */
export function eventDescription(e: EventView): string {
  return `${kindLabel(e.kind)}${e.city ? ` di ${e.city}` : ''}${e.organizers.length ? `, diselenggarakan ${e.organizers.map((o) => o.name).join(', ')}` : ''}`
    + `${e.participantCount != null ? `; ${e.participantCount.toLocaleString('id-ID')} peserta (dilaporkan)` : ''}.`;
}

/**
 * schema.org Event with the properties search engines ask for where the data has them: location as a Place with its
 * PostalAddress, organiser with a URL (its explorer page), performers and attendees (people and institutions) by role,
 * Warta's card image.
 * Only properties schema.org defines for these types.
 */
export function eventJsonLd(e: EventView, base: string): Record<string, unknown> {
  const person = (p: EventView['people'][number]) => ({ '@type': 'Person', name: p.name, ...(p.title ? { jobTitle: p.title } : {}), ...(p.institution ? { affiliation: { '@type': 'GovernmentOrganization', name: p.institution } } : {}) });
  const org = (o: { name: string; slug: string; kind: string; acronym?: string | null }) => ({
    '@type': GOVERNMENT_KINDS.has(o.kind) ? 'GovernmentOrganization' : 'Organization', name: o.name, ...(o.acronym ? { alternateName: o.acronym } : {}),
    url: `${base}/explore/#/institution/${o.slug}`,
  });
  const performing = (r: string) => r === 'OPENER' || r === 'SPEAKER' || r === 'HOST';
  // People and institutions that took part themselves: performers (opening, speaking, hosting) and attendees; those
  // named as organisers in a report join the organisers.
  const performers = [...e.people.filter((p) => performing(p.role)).map(person), ...e.parties.filter((p) => performing(p.role)).map(org)];
  const attendees = [...e.people.filter((p) => p.role === 'ATTENDEE').map(person), ...e.parties.filter((p) => p.role === 'ATTENDEE').map(org)];
  const organizers = [...e.organizers.map(org), ...e.parties.filter((p) => p.role === 'ORGANIZER' && !e.organizers.some((o) => o.slug === p.slug)).map(org),
    ...e.people.filter((p) => p.role === 'ORGANIZER').map(person)];
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${base}/events/${e.slug}`,
    url: `${base}/events/${e.slug}`,
    name: e.name,
    ...(e.shortName ? { alternateName: e.shortName } : {}),
    description: eventDescription(e),
    inLanguage: 'id',
    image: [`${base}${CARD_IMAGE.path}`],
    ...(e.startDate ? { startDate: e.startDate } : {}),
    ...(e.endDate ?? e.startDate ? { endDate: e.endDate ?? e.startDate } : {}),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    ...(e.venue || e.city ? {
      location: {
        '@type': 'Place', name: e.venue ?? e.city,
        address: { '@type': 'PostalAddress', ...(e.city ? { addressLocality: e.city } : {}), ...(e.province ? { addressRegion: e.province } : {}), addressCountry: 'ID' },
      },
    } : {}),
    ...(organizers.length ? { organizer: organizers } : {}),
    ...(performers.length ? { performer: performers } : {}),
    ...(attendees.length ? { attendee: attendees } : {}),
    ...(e.coverage.length ? { subjectOf: e.coverage.map((a) => ({ '@type': 'NewsArticle', headline: a.title, ...(a.publishedOn ? { datePublished: a.publishedOn } : {}), ...(a.url ? { url: a.url } : {}) })) } : {}),
  };
}

/** JSON inside a <script> element: "<" escaped so that no "</script>" in the data can end it. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const esc = escapeHtml;

const addDay = (d: string) => { const t = new Date(`${d}T00:00:00Z`); t.setUTCDate(t.getUTCDate() + 1); return t; };

/** RFC 5545 TEXT escaping (section 3.3.11), for values ical-generator writes as given (the calendar's NAME). */
export function icalText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * Where an event stands for calendars: SEQUENCE counts editors' revisions plus each report after the first (a new
 * report can add people and facts); DTSTAMP and LAST-MODIFIED are the latest of the event's creation, its last edit
 * and its latest report's arrival.
 */
export interface IcsRevision { sequence: number; modified: Date }

/**
 * Adds a dated event to a calendar: all-day, DTEND the day after the last day, a UID from the event's slug and the
 * configured domain (never the request's host, so every address of the server gives the same UID).
 */
export function addIcsEvent(cal: ICalCalendar, e: EventView, base: string, uidDomain: string, rev: IcsRevision): void {
  if (!e.startDate) return;
  const last = e.endDate ?? e.startDate;
  cal.createEvent({
    id: `event-${e.slug}@${uidDomain}`,
    sequence: rev.sequence,
    stamp: rev.modified,
    lastModified: rev.modified,
    start: new Date(`${e.startDate}T00:00:00Z`), end: addDay(last), allDay: true,
    summary: e.name,
    description: [kindLabel(e.kind), e.participantCount != null ? `${e.participantCount} peserta` : null,
      ...e.people.map((p) => `${p.name}${p.title ? ` (${p.title})` : ''}: ${ROLE_LABEL[p.role]}`)].filter(Boolean).join('\n'),
    location: [e.venue, e.city, e.province].filter(Boolean).join(', ') || null,
    // ORGANIZER must be a calendar address; organisers have none here, so a reserved .invalid address carries the name.
    organizer: e.organizers[0] ? { name: e.organizers[0].name, email: `${e.organizers[0].slug}@organizers.invalid` } : null,
    url: `${base}/events/${e.slug}`,
  });
}

/** The narrowest width the card is laid out for (oEmbed answers narrower requests with a 404 naming it). */
export const CARD_MIN_WIDTH = 200;

const CARD_CSS = `*{box-sizing:border-box}html,body{margin:0;padding:0}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;min-width:${CARD_MIN_WIDTH}px;overflow-wrap:anywhere}
.card{border:1px solid #d6dbe1;border-radius:10px;padding:14px 16px;max-width:640px}
.kind{margin:0 0 4px;font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:#7a3e00;font-weight:600}
h1{font-size:18px;line-height:1.3;margin:0 0 8px}h1 a{color:inherit;text-decoration:none}h1 a:hover{text-decoration:underline}
.facts{margin:0 0 8px;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:14px;color:#3b4450}
.people{margin:8px 0;padding:0;list-style:none;font-size:14px}.people li{padding:3px 0;border-top:1px solid #eef0f3}
.role{color:#56606b}footer{margin-top:8px;font-size:13px}footer a{color:#0b5cad}
pre{white-space:pre-wrap;word-break:break-all;font-size:12px;background:#f4f6f8;padding:8px;border-radius:6px;margin:0 0 8px}
@media (max-width:360px){.card{padding:10px 12px}h1{font-size:16px}}`;
const hash = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
export const CARD_CSS_HASH = hash(CARD_CSS);

/**
 * The only script in a card: it tells the embedding page the card's height (on load and whenever the layout changes)
 * so that the partner's copy of /embed.js can size the iframe; a page without that script ignores the message. It
 * carries the height only, so it goes to any parent origin. Fixed text, allowed by its hash in the card's CSP.
 */
const RESIZE_SCRIPT = `(()=>{if(parent===window)return;const d=document.documentElement,s=()=>parent.postMessage({type:'warta:resize',height:Math.ceil(d.getBoundingClientRect().height)},'*');new ResizeObserver(s).observe(d);addEventListener('load',s)})();`;
export const RESIZE_SCRIPT_HASH = hash(RESIZE_SCRIPT);

/**
 * The partner's side, served as /embed.js: sizes every iframe whose card reports its height. Messages are taken only
 * from the origin the script itself was loaded from, and only for an iframe on the page whose window sent them.
 */
export const EMBED_JS = `/* Warta: sizes embedded Warta cards to their content. */
(function () {
  var origin = new URL(document.currentScript ? document.currentScript.src : location.href).origin;
  addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.data.type !== 'warta:resize') return;
    var h = Number(e.data.height);
    if (!(h > 0 && h < 10000)) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === e.source) frames[i].style.height = Math.ceil(h) + 'px';
  });
})();
`;

/**
 * The card's height at a given width, estimated from its text (about 7.6 px per character at 14-15 px, 9.6 px in the
 * title) and rounded up, for oEmbed's height and the pasted snippet before /embed.js corrects it. It errs on the tall
 * side: a little white space rather than clipped text where the script does not run.
 */
export function estimateCardHeight(e: EventView, width: number): number {
  const narrow = width <= 360;
  const inner = width - (narrow ? 24 : 32) - 2;
  // Words wrap whole: a narrow line holds noticeably less than its width in characters.
  const fill = narrow ? 0.9 : 1;
  const lines = (text: string, px: number) => Math.max(1, Math.ceil((text.length * px) / (inner * fill)));
  const where = [e.venue, e.city, e.province].filter(Boolean).join(', ');
  const facts = [indonesianDates(e.startDate, e.endDate), where, e.organizers.length ? `Penyelenggara: ${e.organizers.map((o) => o.name).join(', ')}` : '',
    e.participantCount != null ? `${e.participantCount} peserta` : ''].filter(Boolean);
  let h = (narrow ? 20 : 28) + 2 + 22; // padding, border, kind line
  h += lines(e.name, narrow ? 8.6 : 9.6) * (narrow ? 21 : 24) + 8;
  // The facts wrap as a row of items: packed greedily into lines, an item wider than a line taking several.
  let factLines = 0, used = Infinity;
  for (const f of facts) {
    const w = f.length * 7.6;
    if (w > inner) { factLines += Math.ceil(w / inner); used = Infinity; } else if (used + 14 + w <= inner) used += 14 + w; else { factLines++; used = w; }
  }
  h += factLines * 25 + 8;
  const people = e.people.slice(0, 6);
  if (people.length) h += 16 + people.reduce((n, p) => n + lines(`${p.name}, ${p.title ?? ''} ${p.institution ?? ''} · ${ROLE_LABEL[p.role]}`, 7.6) * 21 + 7, 0);
  h += 8 + 19;
  return Math.ceil((h * 1.1) / 10) * 10;
}

/** Open Graph and Twitter card tags of the public event page (link previews in chat apps and social sites). */
function socialMeta(e: EventView, base: string): string {
  const image = `${base}${CARD_IMAGE.path}`;
  const title = `${e.name} · ${indonesianDates(e.startDate, e.endDate)}`;
  const tags: Array<[string, string, string]> = [
    ['property', 'og:type', 'website'], ['property', 'og:site_name', 'Warta'], ['property', 'og:locale', 'id_ID'],
    ['property', 'og:title', title], ['property', 'og:description', eventDescription(e)], ['property', 'og:url', `${base}/events/${e.slug}`],
    ['property', 'og:image', image], ['property', 'og:image:type', 'image/png'], ['property', 'og:image:width', String(CARD_IMAGE.width)],
    ['property', 'og:image:height', String(CARD_IMAGE.height)], ['property', 'og:image:alt', CARD_IMAGE.alt],
    ['name', 'twitter:card', 'summary_large_image'], ['name', 'twitter:title', title], ['name', 'twitter:description', eventDescription(e)],
    ['name', 'twitter:image', image], ['name', 'twitter:image:alt', CARD_IMAGE.alt],
  ];
  return `<link rel="canonical" href="${esc(`${base}/events/${e.slug}`)}">\n<meta name="description" content="${esc(eventDescription(e))}">\n`
    + tags.map(([attr, k, v]) => `<meta ${attr}="${k}" content="${esc(v)}">\n`).join('');
}

/** The self-contained event card: no third-party requests, one fixed script (its height to the embedding page); its JSON-LD as a data block. */
export function cardHtml(e: EventView, base: string, opts: { page?: boolean; oembedHref?: string; oembedXmlHref?: string; embedSnippet?: string } = {}): string {
  const url = `${base}/events/${e.slug}`;
  const where = [e.venue, e.city, e.province].filter(Boolean).join(', ');
  const people = e.people.slice(0, opts.page ? 50 : 6);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(e.name)} · Warta</title>
${opts.oembedHref ? `<link rel="alternate" type="application/json+oembed" href="${esc(opts.oembedHref)}" title="${esc(e.name)}">\n` : ''}${opts.oembedXmlHref ? `<link rel="alternate" type="text/xml+oembed" href="${esc(opts.oembedXmlHref)}" title="${esc(e.name)}">\n` : ''}<style>${CARD_CSS}</style>
${opts.page ? socialMeta(e, base) : `<script>${RESIZE_SCRIPT}</script>\n`}${missingForSearch(e).length ? '' : `<script type="application/ld+json">${scriptJson(eventJsonLd(e, base))}</script>\n`}</head>
<body>
<article class="card">
<p class="kind">${esc(kindLabel(e.kind))}</p>
<h1><a href="${esc(url)}" target="_top" rel="noopener">${esc(e.name)}</a></h1>
<ul class="facts">
<li><time datetime="${esc(e.startDate ?? '')}">${esc(indonesianDates(e.startDate, e.endDate))}</time></li>
${where ? `<li>${esc(where)}</li>\n` : ''}${e.organizers.length ? `<li>Penyelenggara: ${esc(e.organizers.map((o) => o.name).join(', '))}</li>\n` : ''}${e.participantCount != null ? `<li>${esc(e.participantCount.toLocaleString('id-ID'))} peserta</li>\n` : ''}</ul>
${people.length ? `<ul class="people">\n${people.map((p) => `<li><strong>${esc(p.name)}</strong>${p.title ? `, ${esc(p.title)}${p.institution ? ` ${esc(p.institution)}` : ''}` : ''} <span class="role">· ${esc(ROLE_LABEL[p.role])}</span></li>`).join('\n')}\n</ul>\n` : ''}${opts.page ? `${e.coverage.length ? `<h2>Liputan</h2>\n<ul class="people">\n${e.coverage.map((a) => `<li>${esc(a.publishedOn ?? '')} · ${a.url ? `<a href="${esc(a.url)}" rel="noopener">${esc(a.title)}</a>` : esc(a.title)}${a.outlet ? ` <span class="role">(${esc(a.outlet)})</span>` : ''}</li>`).join('\n')}\n</ul>\n` : ''}<p><a href="${esc(url)}.ics">Tambahkan ke kalender (.ics)</a> · <a href="${esc(url)}.jsonld">JSON-LD</a></p>
${opts.embedSnippet ? `<h2>Pasang di situs Anda</h2>\n<pre>${esc(opts.embedSnippet)}</pre>\n` : ''}` : ''}<footer><a href="${esc(url)}" target="_top" rel="noopener">Selengkapnya di Warta</a></footer>
</article>
</body>
</html>
`;
}

/** A list of events (the partner list embed). */
export function listHtml(events: EventView[], base: string, heading: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(heading)} · Warta</title>
<style>${CARD_CSS}</style>
<script>${RESIZE_SCRIPT}</script>
</head>
<body>
<section class="card">
<p class="kind">${esc(heading)}</p>
${events.length ? `<ul class="people">\n${events.map((e) => `<li><a href="${esc(`${base}/events/${e.slug}`)}" target="_top" rel="noopener"><strong>${esc(e.name)}</strong></a><br><span class="role">${esc(indonesianDates(e.startDate, e.endDate))}${e.city ? ` · ${esc(e.city)}` : ''}</span></li>`).join('\n')}\n</ul>` : '<p>Belum ada kegiatan.</p>'}
<footer><a href="${esc(base)}/explore" target="_top" rel="noopener">Warta</a></footer>
</section>
</body>
</html>
`;
}
