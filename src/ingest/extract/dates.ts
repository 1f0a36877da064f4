/** Indonesian date expressions → ISO dates, resolved against a reference (publication) date. Pure. */

export const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, pebruari: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10,
  november: 11, nov: 11, nopember: 11, desember: 12, des: 12, dec: 12,
};
const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
export const WEEKDAYS: Record<string, number> = { minggu: 0, ahad: 0, senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, "jum'at": 5, sabtu: 6 };

export function iso(y: number, m: number, d: number): string | null {
  if (!(y > 1900 && y < 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, n: number): string {
  const d = new Date(isoDate + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const PUBLISHED_DMY_RE = new RegExp(`(\\d{1,2})\\s+(${MONTH_ALT})\\.?\\s+(\\d{4})`, 'i');

/** Publication dates as the sites print them: ISO, "Diperbarui 18 Jun 2025, 14:05 WIB", "19 Februari 2018 | 20.46 WIB", "18/06/2025". */
export function parsePublished(s: string | null | undefined): { date: string | null; at: string | null } {
  if (!s) return { date: null, at: null };
  const t = s.replace(/\u00A0/g, ' ');
  let m = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?/.exec(t);
  if (m) {
    const date = iso(+m[1], +m[2], +m[3]);
    return { date, at: m[4] ? t.slice(m.index, m.index + m[0].length) : null };
  }
  const time = /(\d{1,2})[.:](\d{2})\s*(WIB|WITA|WIT)?/i.exec(t.replace(/\d{1,2}\/\d{1,2}\/\d{4}/, ''));
  m = PUBLISHED_DMY_RE.exec(t);
  let date: string | null = null;
  if (m) date = iso(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  else {
    m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t);
    if (m) date = iso(+m[3], +m[2], +m[1]);
  }
  if (!date) return { date: null, at: null };
  let at: string | null = null;
  if (time) {
    const off = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' }[(time[3] || 'WIB').toUpperCase()] ?? '+07:00';
    at = `${date}T${time[1].padStart(2, '0')}:${time[2]}:00${off}`;
  }
  return { date, at };
}

// Built once: findDates runs on every sentence of every article.
const RANGE_RE = new RegExp(`\\b(\\d{1,2})\\s*(?:-|–|—|s\\.?d\\.?|s\\/d|sampai(?:\\s+dengan)?|hingga|sd|dan)\\s*(\\d{1,2})\\s+(${MONTH_ALT})\\.?(?:\\s+(\\d{4}))?\\b`, 'gi');
const RANGE2_RE = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_ALT})\\.?\\s*(?:-|–|sampai(?:\\s+dengan)?|hingga)\\s*(\\d{1,2})\\s+(${MONTH_ALT})\\.?(?:\\s+(\\d{4}))?\\b`, 'gi');
const SINGLE_RE = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_ALT})\\.?(?:\\s+(\\d{4}))?\\b`, 'gi');
const NUMERIC_RE = /\((\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\)/g;
const RELATIVE_RE = /\b(kemarin|kemarin lusa|hari ini|besok)\b/gi;
// A weekday with its number in brackets, perhaps after a time of day ("Senin malam (3/3/2025)"), is the numeric date's.
const WEEKDAY_RE = /\b(Minggu|Ahad|Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu)\b(?!\s*(?:(?:pagi|siang|sore|malam|dini\s+hari)\s*)?\()(?!\s*(?:(?:pagi|siang|sore|malam)\s*)?,?\s*(?:tanggal\s+)?\d)/g;
/** Every match of a module-level global regex, without the copy that matchAll makes. */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m);
  return out;
}
/** Cheap test: no digit and no day word means no date expression. */
const ANY_DATE_HINT_RE = /\d|kemarin|hari ini|besok|Minggu|Ahad|Senin|Selasa|Rabu|Kamis|Jum|Sabtu/i;

export interface DateSpan { start: string; end: string; index: number; length: number }

/**
 * Every date expression in `text`, resolved against `ref` (YYYY-MM-DD, may be null):
 * "13 sampai 15 November 2019", "13-15 November 2019", "13 November 2019", "Rabu (13/11/2019)", "Senin (20/10)",
 * "kemarin", and bare weekday names ("Rabu") taken as the latest such day on or before ref.
 */
/** "lalu" after a date without a year: it lies in the past; "tahun lalu": in last year. */
const PAST_AFTER_RE = /^\s*(?:tahun\s+)?lalu\b/;
const LAST_YEAR_AFTER_RE = /^\s*tahun\s+lalu\b/;

export function findDates(text: string, ref: string | null): DateSpan[] {
  const out: DateSpan[] = [];
  if (!ANY_DATE_HINT_RE.test(text)) return out;
  const refYear = ref ? +ref.slice(0, 4) : null;
  const taken: Array<[number, number]> = [];
  const free = (i: number, len: number) => !taken.some(([a, b]) => i < b && i + len > a);
  const push = (start: string | null, end: string | null, index: number, length: number) => {
    if (!start || !end || end < start || !free(index, length)) return;
    taken.push([index, index + length]);
    out.push({ start, end, index, length });
  };
  /**
   * The year of a month written without one. A month up to five months ahead of the reference is this year (an event
   * announced ahead) unless "lalu" follows ("Agustus lalu"); further ahead is last year ("Desember" read in January);
   * "tahun lalu" after it is always last year. `after` is the offset right after the date.
   */
  const yearFor = (m: number, explicit: string | undefined, after: number) => {
    if (explicit) return +explicit;
    if (!ref || refYear === null) return null;
    const ahead = m - +ref.slice(5, 7);
    const tail = text.slice(after, after + 20);
    return ahead > 5 || LAST_YEAR_AFTER_RE.test(tail) || (ahead > 0 && PAST_AFTER_RE.test(tail)) ? refYear - 1 : refYear;
  };
  // 13 sampai 15 November 2019 / 13-15 November 2019 / 13 hingga 15 Nov
  for (const m of matches(RANGE_RE, text)) {
    const mo = MONTHS[m[3].toLowerCase()];
    const y = yearFor(mo, m[4], m.index! + m[0].length);
    if (y) push(iso(y, mo, +m[1]), iso(y, mo, +m[2]), m.index!, m[0].length);
  }
  // 30 Oktober sampai 2 November 2019
  for (const m of matches(RANGE2_RE, text)) {
    const m1 = MONTHS[m[2].toLowerCase()], m2 = MONTHS[m[4].toLowerCase()];
    const y2 = yearFor(m2, m[5], m.index! + m[0].length);
    if (y2) push(iso(m1 > m2 ? y2 - 1 : y2, m1, +m[1]), iso(y2, m2, +m[3]), m.index!, m[0].length);
  }
  // 13 November 2019
  for (const m of matches(SINGLE_RE, text)) {
    const mo = MONTHS[m[2].toLowerCase()];
    const y = yearFor(mo, m[3], m.index! + m[0].length);
    const d = y ? iso(y, mo, +m[1]) : null;
    push(d, d, m.index!, m[0].length);
  }
  // Rabu (13/11/2019) or (13/11)
  for (const m of matches(NUMERIC_RE, text)) {
    let y = m[3] ? +m[3] : null;
    if (y !== null && y < 100) y += 2000;
    const mo = +m[2];
    const yy = y ?? yearFor(mo, undefined, m.index! + m[0].length);
    const d = yy ? iso(yy, mo, +m[1]) : null;
    push(d, d, m.index!, m[0].length);
  }
  if (ref) {
    for (const m of matches(RELATIVE_RE, text)) {
      const w = m[1].toLowerCase();
      const d = addDays(ref, w === 'kemarin' ? -1 : w === 'kemarin lusa' ? -2 : w === 'besok' ? 1 : 0);
      push(d, d, m.index!, m[0].length);
    }
    // A weekday written with its date ("Minggu 22 Juni", "Rabu siang, 18 Juni") is read from the number, which wins.
    for (const m of matches(WEEKDAY_RE, text)) {
      const want = WEEKDAYS[m[1].toLowerCase()];
      const refDow = new Date(ref + 'T00:00:00Z').getUTCDay();
      const d = addDays(ref, -((refDow - want + 7) % 7));
      push(d, d, m.index!, m[0].length);
    }
  }
  out.sort((a, b) => a.index - b.index);
  // "Kamis (3/7) sampai Jumat (4/7)": two dates joined by a range word are one span.
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i], b = out[i + 1];
    const gap = text.slice(a.index + a.length, b.index);
    if (a.start === a.end && b.start === b.end && a.start < b.start && RANGE_GAP_RE.test(gap)) {
      out.splice(i, 2, { start: a.start, end: b.end, index: a.index, length: b.index + b.length - a.index });
    }
  }
  return out;
}
const RANGE_GAP_RE = /^\s*(?:-|–|—|s\.?d\.?|s\/d|sampai(?:\s+dengan)?|hingga)\s*(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*,?\s*)?(?:tanggal\s+)?$/i;
