/** Small DOM, GraphQL and i18n helpers for the explorer. Text always goes in as text nodes, never as HTML. */

export type Child = Node | string | number | null | undefined | false | Child[];

export function h(tag: string, attrs: Record<string, string | number | boolean | null | undefined | ((e: Event) => void)> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends children, skipping null/false (the DOM's own append would write "null"). */
export function put(el: Node, ...children: Child[]): void { append(el, children); }

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Server-made highlight HTML (escaped text plus <mark>): only <mark> survives. */
export function marked(html: string): HTMLElement {
  const span = h('span');
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const n of Array.from(doc.body.childNodes)) {
    if (n.nodeType === Node.TEXT_NODE) span.appendChild(document.createTextNode(n.textContent ?? ''));
    else if ((n as Element).tagName === 'MARK') span.appendChild(h('mark', {}, n.textContent ?? ''));
    else span.appendChild(document.createTextNode(n.textContent ?? ''));
  }
  return span;
}

/** Work that needs the page in the document (a graph needs its container's size): run by the router after mounting. */
export const afterMount: Array<() => void> = [];

// -- GraphQL -----------------------------------------------------------------------------------

/** Text placed inside an HTML attribute of markup the reader copies (the embed snippet): every special character encoded. */
export function attr(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function editorKey(): string | null { return sessionStorage.getItem('warta-key'); }
export function setEditorKey(k: string | null): void { if (k) sessionStorage.setItem('warta-key', k); else sessionStorage.removeItem('warta-key'); }

export class GqlError extends Error { constructor(message: string, readonly code?: string) { super(message); } }

const hashes = new Map<string, Promise<string | null>>();
/** The operation's sha256 (hex), or null where the browser offers no digest (outside a secure context). */
function hashOf(query: string): Promise<string | null> {
  let h = hashes.get(query);
  if (!h) {
    h = globalThis.crypto?.subtle
      ? crypto.subtle.digest('SHA-256', new TextEncoder().encode(query)).then((d) => [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join(''))
      : Promise.resolve(null);
    hashes.set(query, h);
  }
  return h;
}

/**
 * Sends an operation by its hash: the explorer's operations are trusted documents Warta knows from its build. Should
 * the server not know the hash (an explorer newer than the server), the text follows and registers it.
 */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, withKey = false): Promise<T> {
  const key = withKey ? editorKey() : null;
  const post = (payload: Record<string, unknown>) => fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(payload),
  });
  const sha256Hash = await hashOf(query);
  const persisted = sha256Hash ? { persistedQuery: { version: 1, sha256Hash } } : undefined;
  let res = await post(persisted ? { variables, extensions: persisted } : { query, variables });
  if (persisted) {
    const first = await res.clone().json().catch(() => null);
    if (first?.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') res = await post({ query, variables, extensions: persisted });
  }
  const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
  if (body.errors?.length) throw new GqlError(body.errors[0].message, body.errors[0].extensions?.code);
  return body.data as T;
}

// -- language ----------------------------------------------------------------------------------

const ID: Record<string, string> = {
  timeline: 'Linimasa', searchPlaceholder: 'Cari pejabat, lembaga, kegiatan, berita…', editorKey: 'Kunci editor', search: 'Pencarian', results: 'hasil',
  recentEvents: 'Kegiatan terbaru', event: 'Kegiatan', person: 'Tokoh', institution: 'Lembaga', place: 'Tempat', article: 'Berita',
  dates: 'Tanggal', venue: 'Tempat', organizer: 'Penyelenggara', participants: 'Peserta (dilaporkan)', officials: 'Pejabat menurut peran',
  coverage: 'Liputan', embed: 'Pasang di situs Anda', calendar: 'Tambahkan ke kalender (.ics)', positions: 'Jabatan dari waktu ke waktu',
  events: 'Kegiatan yang dihadiri', quotes: 'Kutipan', network: 'Bertemu di kegiatan', sharedEvents: 'kegiatan bersama', organised: 'Kegiatan yang diselenggarakan',
  partners: 'Lembaga mitra', officialsOverTime: 'Pejabat dari waktu ke waktu', kind: 'Jenis', all: 'Semua', period: 'Per', month: 'bulan', year: 'tahun',
  apply: 'Terapkan', confirm: 'Benar', reject: 'Salah', mergeInto: 'Gabungkan ke (slug)', merge: 'Gabungkan', status: 'Status', notFound: 'Tidak ditemukan',
  keyPrompt: 'Kunci API editor (disimpan di sesi ini saja):', saved: 'Tersimpan', firstReport: 'laporan pertama', report: 'laporan', followUp: 'tindak lanjut',
  mentions: 'sebutan', count: 'Jumlah', language: 'Bahasa', none: 'Belum ada data.', day: 'hari ke-',
  OPENER: 'membuka', SPEAKER: 'narasumber', HOST: 'tuan rumah', ATTENDEE: 'hadir', ORGANIZER: 'penyelenggara',
  PERSON: 'tokoh', INSTITUTION: 'lembaga', PLACE: 'tempat', EVENT: 'kegiatan', ARTICLE: 'berita', POSITION: 'jabatan', QUOTE: 'kutipan',
  SUGGESTED: 'usulan', CONFIRMED: 'benar', REJECTED: 'salah',
};
const EN: Record<string, string> = {
  timeline: 'Timeline', searchPlaceholder: 'Search officials, institutions, events, news…', editorKey: 'Editor key', search: 'Search', results: 'results',
  recentEvents: 'Recent events', event: 'Event', person: 'Person', institution: 'Institution', place: 'Place', article: 'Article',
  dates: 'Dates', venue: 'Venue', organizer: 'Organiser', participants: 'Participants (reported)', officials: 'Officials by role',
  coverage: 'Coverage', embed: 'Embed on your site', calendar: 'Add to calendar (.ics)', positions: 'Positions over time',
  events: 'Events attended', quotes: 'Quotes', network: 'Met at events', sharedEvents: 'shared events', organised: 'Events organised',
  partners: 'Partner institutions', officialsOverTime: 'Officials over time', kind: 'Kind', all: 'All', period: 'Per', month: 'month', year: 'year',
  apply: 'Apply', confirm: 'Confirm', reject: 'Reject', mergeInto: 'Merge into (slug)', merge: 'Merge', status: 'Status', notFound: 'Not found',
  keyPrompt: 'Editor API key (kept for this session only):', saved: 'Saved', firstReport: 'first report', report: 'report', followUp: 'follow-up',
  mentions: 'mentions', count: 'Count', language: 'Language', none: 'Nothing yet.', day: 'day ',
  OPENER: 'opened', SPEAKER: 'speaker', HOST: 'host', ATTENDEE: 'attended', ORGANIZER: 'organiser',
  PERSON: 'person', INSTITUTION: 'institution', PLACE: 'place', EVENT: 'event', ARTICLE: 'article', POSITION: 'position', QUOTE: 'quote',
  SUGGESTED: 'suggested', CONFIRMED: 'confirmed', REJECTED: 'rejected',
};

export function lang(): 'id' | 'en' { return localStorage.getItem('warta-lang') === 'en' ? 'en' : 'id'; }
export function setLang(l: 'id' | 'en'): void { localStorage.setItem('warta-lang', l); document.documentElement.lang = l; }
export function t(k: string): string { return (lang() === 'en' ? EN : ID)[k] ?? k; }

const MONTHS = { id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] };

export function fmtDate(d: string | null | undefined): string {
  if (!d) return '–';
  const [y, m, day] = d.split('-').map(Number);
  return `${day} ${MONTHS[lang()][m - 1]} ${y}`;
}

export function fmtRange(a: string | null, b: string | null): string {
  if (!a) return '–';
  if (!b || a === b) return fmtDate(a);
  const [y1, m1, d1] = a.split('-').map(Number);
  const [y2, m2, d2] = b.split('-').map(Number);
  const months = MONTHS[lang()];
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${months[m1 - 1]} ${y1}`;
  return `${fmtDate(a)} – ${fmtDate(b)}`;
}

export function link(kind: string, slug: string, text: Child): HTMLElement {
  return h('a', { href: `#/${kind.toLowerCase()}/${encodeURIComponent(slug)}` }, text);
}
