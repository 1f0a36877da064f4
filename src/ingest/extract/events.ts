/**
 * Events stage: event phrases by type word (any case), grouped into events, with dates, venue, city, organisers,
 * the reported participant count and the participants with their roles.
 */
import { EventKind, ParticipationRole, PlaceKind } from '../../entities/enums';
import { DateSpan, findDates } from './dates';
import { EVENT_TYPES, EventTypeEntry } from './gazetteer';
import type { ArticleRun, XEvent, XParticipant } from './entities';
import { collectQuotes } from './quotes';
import { MONTH_NAMES, NON_NAME_WORDS, WEEKDAY_NAMES, WEEKDAY_OR_MONTH_RE } from './lexicon';
import { shippedTagger } from './tagger';
import type { Region } from './regions';
import { nameKey } from '../../text/normalize';
import { addKey, codesOf, execAll, hasKey, keyBits } from './text';

const EVENT_FORMS = EVENT_TYPES.flatMap((e) => e.forms.map((form) => ({ form, entry: e }))).sort((a, b) => b.form.length - a.form.length);
/** Words that only glue to the next word in scraped text ("menggelarlomba"): a trigger may follow them without a space. */
const GLUE_BEFORE = ['menggelar', 'mengadakan', 'meluncurkan', 'menghadiri', 'mengikuti', 'dalam', 'saat', 'acara', 'kegiatan'];
const EVENT_BY_FORM = new Map(EVENT_FORMS.map((e) => [e.form.toLowerCase(), e]));
/**
 * Trigger forms by their first word (lower case), longest first. Triggers are found by walking the text's words once:
 * a case-insensitive alternation of a few hundred forms costs far more on every article.
 */
const FORMS_BY_FIRST = new Map<string, Array<{ rest: string; form: string }>>();
for (const f of EVENT_FORMS) {
  const words = f.form.toLowerCase().split(' ');
  const list = FORMS_BY_FIRST.get(words[0]) ?? [];
  list.push({ rest: words.length > 1 ? ' ' + words.slice(1).join(' ') : '', form: f.form });
  FORMS_BY_FIRST.set(words[0], list);
}
const wordHash = (s: string, from: number, to: number) => { let h = 0; for (let k = from; k < to; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0; return h; };
const FIRST_HASHES = new Set([...FORMS_BY_FIRST.keys()].map((w) => wordHash(w, 0, w.length)));
/** Words that report a verdict: the scan notes them so that the verdict step runs only where one occurs. */
const VERDICT_WORDS = ['divonis', 'vonis', 'putusan', 'menjatuhkan', 'dijatuhi'];
const VERDICT_HASHES = new Set(VERDICT_WORDS.map((w) => wordHash(w, 0, w.length)));
const VERB_HASHES = new Set(['meluncurkan', 'meresmikan', 'diluncurkan', 'diresmikan'].map((w) => wordHash(w, 0, w.length)));
/** A 64K-bit filter over both hash sets: most words are ruled out by one array read instead of two set lookups. */
const HASH_FILTER = keyBits();
for (const h of [...FIRST_HASHES, ...VERDICT_HASHES, ...VERB_HASHES]) addKey(HASH_FILTER, h & 0xffff);
/** Glue verbs by the hash of their first three letters. */
const GLUE_BY_HEAD = new Map<number, string[]>();
for (const g of GLUE_BEFORE) { const k = wordHash(g, 0, 3); GLUE_BY_HEAD.set(k, [...(GLUE_BY_HEAD.get(k) ?? []), g]); }
const GLUE_HEADS = new Set(GLUE_BY_HEAD.keys());
/** Word characters (letters and digits of the Latin ranges and beyond, below U+2000) as a lookup table. */
const WORD_TABLE = new Uint8Array(0x2000);
for (let c = 0; c < 0x2000; c++) WORD_TABLE[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) ? 1 : 0;

/**
 * Trigger occurrences in the text: start offset and the text matched. One pass over the characters with a hash of each
 * word: a regex alternation of the forms, or a token regex, costs several times more on every article.
 */
function findTriggers(text: string): { hits: Array<{ index: number; text: string }>; verdict: boolean; verb: boolean } {
  const out: Array<{ index: number; text: string }> = [];
  let verdict = false, verb = false;
  const cs = codesOf(text), n = cs.length;
  let i = 0;
  while (i < n) {
    let c = cs[i];
    if (c >= 0x2000 || WORD_TABLE[c] === 0) { i++; continue; }
    // The word's hash, of its lower-case form (trigger words are ASCII), is taken while its end is sought.
    let h = c >= 65 && c <= 90 ? c + 32 : c, j = i + 1, head = 0;
    for (; j < n; j++) {
      c = cs[j];
      if (c >= 0x2000 || WORD_TABLE[c] === 0) break;
      h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
      if (j === i + 2) head = h;
    }
    let from = i;
    let cands: Array<{ rest: string; form: string }> | undefined;
    const known = hasKey(HASH_FILTER, h & 0xffff);
    if (known && FIRST_HASHES.has(h)) cands = FORMS_BY_FIRST.get(text.slice(i, j).toLowerCase());
    else if (known && VERDICT_HASHES.has(h)) verdict = true;
    else if (known && VERB_HASHES.has(h)) verb = true;
    else if (j - i > 8 && GLUE_HEADS.has(head)) {
      // Scraped text glues a verb to the next word ("menggelarlomba").
      const glue = GLUE_BY_HEAD.get(head);
      if (glue) {
        const word = text.slice(i, j).toLowerCase();
        const g = glue.find((p) => word.startsWith(p));
        if (g) { from = i + g.length; cands = FORMS_BY_FIRST.get(word.slice(g.length)); }
      }
    }
    if (cands) {
      for (let i = 0; i < cands.length; i++) {
        const cand = cands[i];
        const end = j + cand.rest.length;
        const after = end < n ? cs[end] : 32;
        if (cand.rest && (text.slice(j, end).toLowerCase() !== cand.rest || (after < 0x2000 && WORD_TABLE[after] === 1))) continue;
        out.push({ index: from, text: text.slice(from, end) });
        j = end;
        break;
      }
    }
    i = j;
  }
  return { hits: out, verdict, verb };
}

/** A form written with two or more capitals is an acronym ("RDP", "MoU", "HUT"): it must keep its case. */
const isAcronymForm = (f: string) => (f.match(/\p{Lu}/gu) ?? []).length >= 2 && !f.includes(' ');

/** Nouns that make a trigger word a modifier of a place or a period, not an event ("ruang rapat", "masa sidang"). */
const BLOCK_BEFORE_RE = /(?:^|[^A-Za-z\u00C0-\u024F])(?:masa|ruang|ruangan|lapangan|gedung|balai|pusat|aula|hasil|tempat|materi|notulen|notula|biaya|anggaran|dana|kalender|jadwal|peserta|panitia|program|sekolah|lembaga|tim|bahan|bagian|ketua|palu|meja|jumlah|angka|tingkat|data|target|total|rata-rata)\s+$/i;
/** Words after a trigger that make it no gathering ("peringatan dini", "kunjungan wisatawan", "penyerahan diri"). */
const BLOCK_AFTER_RE = /^\s+(?:dini|keras|tertulis|diri|wisatawan|wisman|turis|pasien|pengunjung|kapal|pesawat)(?![A-Za-z])/i;
/** Words in a trigger's sentence that say something took place. */
const CUE_VERB_RE = /(?<![A-Za-z\u00C0-\u024F])(?:digelar|diadakan|diselenggarakan|dilaksanakan|dilakukan|berlangsung|menggelar|mengadakan|menyelenggarakan|melaksanakan|melakukan|menghadiri|mengikuti|dihadiri|diikuti|dibuka|membuka|meluncurkan|diluncurkan|meresmikan|diresmikan|memimpin|dipimpin|memberikan|menutup|ditutup|dimeriahkan|memeriahkan|menerima|menyerahkan|diserahkan|bertajuk|bertema|dirangkai)(?![A-Za-z\u00C0-\u024F])/i;
/** Words just before a trigger that place the report at the event ("kata X saat peluncuran …"). */
const CUE_BEFORE_RE = /(?:^|[^A-Za-z\u00C0-\u024F])(?:saat|ketika|usai|seusai|selepas|setelah|sebelum|sesudah|dalam|pada|di sela|di sela-sela|acara|kegiatan|prosesi|rangkaian|menggelar|mengadakan|menghadiri|mengikuti|melakukan|melaksanakan|memimpin|membuka|menutup)\s*$/i;
const VENUE_CUE_RE = /(?<![\p{L}])(?:di|bertempat di)\s+(?:\p{Lu}|(?:ruang|aula|gedung|halaman|kantor|lapangan|pendopo|balai)\s+\p{Lu})/u;
const SIGNING_VERB_RE = /(?<![A-Za-z\u00C0-\u024F])(?:menandatangani|ditandatangani|penandatanganan|meneken|diteken|menyepakati|disepakati)(?![A-Za-z\u00C0-\u024F])/i;
/** Sub-parts of a ceremony named before the trigger: the event's name starts there. */
const PRE_MODIFIER_RE = /(?:^|[^A-Za-z\u00C0-\u024F])((?:malam\s+puncak|puncak|pembukaan|penutupan|upacara|acara)\s+)$/i;
const APPOSITIVE_RE = /(?:^|[\s(])(\p{Lu}[\p{L}\d'’&-]*(?:\s+(?:\p{Lu}[\p{L}\d'’&-]*|and|of|dan|&)){1,7})\s+atau\s+$/u;
/** A title after "bertajuk"/"bernama", in double quotes (its first group) or single ones (its second). */
const TITLED_RE = /^[^.\n"“]{0,40}?(?:bertajuk|bertema|bernama|berjudul)\s*(?:["“]([^"”\n]{3,80})["”]|['‘]([^'’\n]{3,80})['’])/u;
const PART_OF_RE = /(?:dirangkai|dirangkaikan|ditandai|diawali|diisi|ditutup|disertai|diikuti)\s+(?:dengan\s+)?$/i;
/** Words after an event word that point at another occasion than the one reported. */
const OTHER_OCCASION_RE = /^\s+(?:sebelumnya|berikutnya|selanjutnya|lanjutan|lalu|mendatang|lain|perdana|pertama|terakhir)(?![\p{L}])/u;
/** Words that put a sentence in the future or in a plan. */
const FUTURE_RE = /(?<![\p{L}])(?:akan|bakal|nanti|nantinya|rencananya|direncanakan|dijadwalkan|berencana|hendak)(?![\p{L}])/iu;
/** "acara ini", "kegiatan tersebut": a later reference to the article's event. */
const ANAPHOR_RE = /\b(?:[Aa]cara|[Kk]egiatan|[Aa]genda|[Pp]ertemuan|[Rr]apat|[Ss]idang|[Ff]orum)\s+(?:ini|itu|tersebut)\b/g;

/** Lower-case words that end an event phrase: function words, time words, pronouns. */
const STOP_WORDS = new Set(`yang di pada ini itu tersebut oleh dengan untuk bagi kepada dari sebagai bersama akan telah sudah juga pun secara sejak mulai
hingga sampai selama karena agar atau dalam saat ketika usai setelah sebelum sekaligus bertajuk bertema yakni yaitu adalah merupakan menjadi tak tidak
hari pekan bulan kali ia dia mereka kami kita para sejumlah beberapa semua seluruh lalu kemarin besok nanti mendatang baru lagi sendiri langsung resmi
berikutnya sebelumnya selanjutnya kemudian tadi pula serta antara lain tentu masih bisa dapat harus perlu ada tiap setiap sama kesempatan rangka guna
demi terkait soal atas maupun hanya kembali lebih sangat ialah sambil seperti misalnya sekitar sebanyak kurang tersebutlah pagi siang sore malam pukul
dan ke tentang se tahun`.split(/\s+/));
/** Lower-case words kept inside an event phrase even though they look like verbs or stop words. */
const NOUNISH_RE = /(?:[^k]an|asi|itas|isme|al|ur|ah|at)$/u;
const VERB_PREFIX_RE = /^(?:me|di|ber|ter|ke|se|memper|diper)\p{L}/u;
/** Active and stative prefixes ("berjalan", "menjadi", "terbuka"): never inside an event's name. */
const ACTIVE_PREFIX_RE = /^(?:me|ber|ter)\p{L}/u;
const CAP_STOP_RE = /^(?:Digelar|Dibuka|Diikuti|Dihadiri|Resmi|Berlangsung|Sukses|Kali|Ini|Itu|Tersebut|Yang|Di|Pada|Dengan|Untuk|Oleh|Dari|Bersama|Saat)$/u;
const WORD_RE = /[ \t]*(\([^()\n]{1,30}\)|[\p{L}\d][\p{L}\d'’&/.-]*)/uy;

/** Committee roles of the event itself: the person holds it. */
const COMMITTEE_RE = /\bKetua\s+(?:Panitia|Pelaksana|Penyelenggara)\b/u;
const PRESIDING_RE = /\b(?:Ketua\s+Majelis|Hakim\s+Ketua|Inspektur\s+Upacara|Pimpinan\s+Rapat|Pimpinan\s+Sidang)\b/i;
const SPEECH_AFTER_RE = /^\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:(?:juga|pun|turut|kemudian|lalu|saat itu|dalam kesempatan itu)\s+)*(?:mengatakan|menyampaikan|menjelaskan|menegaskan|mengungkapkan|menuturkan|memaparkan|menyebutkan|menyebut|menambahkan|berharap|mengaku|meminta|mengajak|menekankan|menyoroti|mengimbau|berpesan|menerangkan|menyatakan|berkata|bercerita)\b/u;
const SPEECH_BEFORE_RE = /(?:\b(?:kata|ujar|ucap|tutur|ungkap|jelas|imbuh|sambung|tambah|terang|tegas|papar|tandas|pungkas|sebut)|[Dd]alam sambutannya,?|[Dd]alam arahannya,?|[Dd]alam kesempatan (?:yang sama|itu|tersebut),?)\s+(?:(?:[\p{Lu}\d][\p{L}\d.\/()-]*|dan|&|se)\s+){0,10}$/u;
/** A person named only as the object of a preposition ("kepada Presiden X", "informasi dari Y") is talked about, not present. */
const OBJECT_BEFORE_RE = /(?<![\p{L}])(?:kepada|dari|untuk|terhadap|bagi|mengenai|tentang|arahan|perintah|instruksi|harapan)\s+(?:(?:[\p{Lu}\d][\p{L}\d.\/()-]*,?|dan|&|se)\s+){0,10}$/u;
const EXPLICIT_SPEAKER_AFTER_RE = /^\s*,?\s*(?:[^.]{0,30}\s)?(?:memaparkan|menyampaikan materi|memberikan sambutan|memberi sambutan|memberikan arahan|menjadi narasumber|menjadi pembicara|dalam sambutannya|selaku narasumber|sebagai narasumber)\b/u;
const EXPLICIT_SPEAKER_BEFORE_RE = /(?:\b(?:narasumber|pembicara|pemateri)\s*,?|[Dd]alam sambutannya,?)\s*$/u;
const OPENER_BEFORE_RE = /\b(?:dibuka|diresmikan|dibuka secara resmi|dibuka langsung|diluncurkan)\s+(?:secara resmi\s+|langsung\s+)?(?:oleh\s+)?$/i;
const OPENER_AFTER_RE = /^\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:(?:yang|secara resmi|juga|langsung|kemudian)\s+)*(?:membuka|meresmikan|meluncurkan|me-launching)\b/u;
const HOST_BEFORE_RE = /\b(?:dipimpin|disambut)(?:\s+langsung)?\s+(?:oleh\s+)?$/i;
/** Capitalised title words between a cue and the name ("dipimpin oleh Presiden X"): stripped before the cue is read. */
const TITLE_TAIL_RE = /(?:[A-Z][A-Za-z.\/-]*\s+){1,8}$/;
/** A statement given outside the event ("dalam keterangan tertulis", "saat dihubungi") does not place its speaker there. */
const STATEMENT_ELSEWHERE_RE = /dalam keterangan|keterangan tertulis|saat dikonfirmasi|saat dihubungi|ketika dihubungi|ketika dikonfirmasi|melalui (?:pesan|sambungan|keterangan|akun)|kepada wartawan(?! di lokasi)|(?:dikutip|dilansir|dilihat) dari|dalam (?:catatan|rilis|unggahan|wawancara)|dalam siaran pers|siaran pers(?:nya)?,/i;
const HOST_AFTER_RE = /^\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:(?:yang|juga|langsung)\s+)*(?:memimpin|menyambut|menggelar|mengadakan|menyelenggarakan|menjadi tuan rumah|bertindak sebagai inspektur)\b/u;
const ATTEND_AFTER_RE = /^\s*(?:\([^)]{1,20}\)\s*)?,?\s*(?:(?:juga|turut|tampak|yang|ikut|pun)\s+)*(?:hadir|menghadiri|mengikuti|melakukan kunjungan|berkunjung|meninjau|menyaksikan|mendampingi|didampingi)\b/u;
const ATTEND_BEFORE_RE = /\b(?:dihadiri|hadir pula|turut hadir|tampak hadir|hadir bersama|hadir didampingi|didampingi|mendampingi|turut mendampingi)\s+(?:oleh\s+)?$/i;
/** Cues that open a list of those present: every person up to the sentence end attended. */
const LIST_CUE_RE = /\b(?:dihadiri|[Tt]urut hadir|[Hh]adir pula|[Tt]ampak hadir|[Jj]uga hadir|[Tt]urut mendampingi|didampingi|bersama(?:\s+dengan)?|beserta|ditandatangani(?:\s+langsung)?\s+oleh|antara lain|di antaranya|diantaranya)\b/g;
/**
 * Someone a gathering decides about: appointed, dismissed or elected "sebagai …" ("rapat itu menetapkan X sebagai
 * Sekda", "RUPS mengangkat jajaran baru seperti X sebagai …, Y sebagai …"): such a verb earlier in the sentence and
 * "sebagai" after the name. Named in the event's sentence, yet not said to be there. A swearing-in ("melantik X
 * sebagai …") is not among these verbs: the one sworn in takes part.
 */
const DECIDED_BEFORE_RE = /\b(?:mengangkat|memberhentikan|menetapkan|mengukuhkan|menunjuk|memilih|mencopot|memecat|menonaktifkan|mengganti|menggantikan|merotasi|memutasi|diangkatnya|diberhentikannya)\b/u;
const AS_AFTER_RE = /^\s*(?:\([^)]{1,30}\)\s*)?,?\s*(?:sebagai|menjadi)\b/u;
const REPRESENTED_AFTER_RE = /^\s*,?\s*(?:yang\s+)?(?:diwakili|berhalangan)\b/u;
const REPRESENTED_BEFORE_RE = /\b(?:mewakili|atas nama)\s+(?:[^.,;\n]{0,60},?\s*)?$/i;
const ORGANIZER_PASSIVE_RE = /(?<![A-Za-z\u00C0-\u024F])(?:digelar|diselenggarakan|diadakan|dilaksanakan|digagas|diinisiasi|diprakarsai|dimotori)\s+(?:oleh\s+)?/gi;
const ORGANIZER_VERB_RE = /^\s*(?:\([^)]*\)\s*)?(?:RI\s+|(?:Provinsi\s+|Kabupaten\s+|Kota\s+)?\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?\s+)?(?:,\s*)?(?:(?:akan|telah|sudah|kembali|juga|pun|resmi|secara resmi|berencana|bakal|hendak|siap|rutin)\s+)*(?:menggelar|menyelenggarakan|mengadakan|melaksanakan|melakukan|memberikan|meluncurkan|menginisiasi|memprakarsai)/u;
const COUNT_NOUNS = 'peserta|undangan|siswa|pelajar|mahasiswa|santri|lansia|wisudawan|wisudawati|pelari|atlet|orang peserta';
const COUNT_RE = new RegExp(`(?<![\\p{L}\\d.,])(\\d{1,3}(?:\\.\\d{3})+|\\d+)\\s+(?:orang\\s+)?(?:${COUNT_NOUNS})(?![\\p{L}])`, 'gu');
const COUNT_VERB_RE = /(?<![\p{L}])(?:diikuti|dihadiri|melibatkan)\s+(?:oleh\s+)?(?:sekitar\s+|sebanyak\s+|kurang lebih\s+|lebih dari\s+)?(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:orang|peserta|warga|siswa|pelajar)(?![\p{L}])/gu;
const NOT_COUNT_BEFORE_RE = /(?:kepada|untuk|bagi|target|kuota|dari|menjadi|hingga|sampai|awal|maksimal|minimal|lebih dari)\s+(?:awal\s+)?$/i;
/** Verb forms that stand for the event noun: "X meluncurkan program Y" reports the launch of Y. */
const VERB_EVENT_RE = /\b(meluncurkan|meresmikan)\s+/g;
const VERB_EVENT: Record<string, { kind: EventKind; noun: string }> = {
  meluncurkan: { kind: EventKind.LAUNCHING, noun: 'Peluncuran' }, meresmikan: { kind: EventKind.PERESMIAN, noun: 'Peresmian' },
  diluncurkan: { kind: EventKind.LAUNCHING, noun: 'Peluncuran' }, diresmikan: { kind: EventKind.PERESMIAN, noun: 'Peresmian' },
};
/** Words before the names of what was launched, after a common noun ("dua mobil terbarunya, yakni …"). */
const NAMED_AFTER_RE = /^[\p{Ll}\d\s-]{0,50}?,?\s*(?:yakni|yaitu|bernama|berupa|:)\s+/u;
/** A capitalised name right before the launch verb, with the adverbs between ("… Indonesia resmi meluncurkan"). */
const LAUNCHER_RE = /(?<![\p{L}])\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*){0,4}\s+(?:(?:resmi|secara resmi|telah|kembali|baru saja|pun|juga)\s+){0,3}$/u;
/** Whether a firm's name (capitalised words that name no person) stands right before the launch verb at `at`. */
function launcherBefore(run: ArticleRun, text: string, sentenceStart: number, at: number): boolean {
  const m = LAUNCHER_RE.exec(text.slice(Math.max(sentenceStart, at - 80), at));
  if (!m) return false;
  // A capitalised common word alone ("Ia", "Mereka", "Sementara") names no firm.
  const caps = m[0].trim().split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (caps.length === 1 && (NON_NAME_WORDS.has(caps[0]) || shippedTagger().lexicon.has(caps[0].toLowerCase()))) return false;
  const start = at - (Math.min(80, at - sentenceStart) - m.index);
  return run.spansWithin(start, at).length === 0;
}

/** Words opening a clause of time: one starting the name read before the verb, or written just before it. */
const TIME_WORDS = 'saat|ketika|sejak|semenjak|setelah|sebelum|sesudah|usai|begitu|selama';
const TIME_CLAUSE_RE = new RegExp(`^(?:${TIME_WORDS})\\s`, 'i');
const TIME_CLAUSE_BEFORE_RE = new RegExp(`(?:^|[^\\p{L}])(?:${TIME_WORDS})\\s+$`, 'iu');

/** The passive: "Aplikasi X (resmi) diluncurkan …", the thing launched or opened written before the verb. */
const PASSIVE_EVENT_RE = /\b(diluncurkan|diresmikan)\b/g;
/** A capitalised name right before the passive verb, with the adverbs written between ("telah resmi"). */
const PASSIVE_OBJECT_RE = /((?:\p{Lu}[\p{L}\d.'’&-]*)(?:\s+(?:\p{Lu}[\p{L}\d.'’&-]*|\d+|dan|&|of|de)){0,7})\s+(?:(?:yang|telah|sudah|akan|baru|resmi|secara resmi|pun|juga|saja)\s+){0,3}$/u;
const LAUNCH_ENTRY = EVENT_BY_FORM.get('peluncuran')!.entry;
const OPENING_ENTRY = EVENT_BY_FORM.get('peresmian')!.entry;
const VERDICT_ENTRY = EVENT_BY_FORM.get('sidang vonis')!.entry;
/**
 * English event names put the kind last ("Jakarta Investment Summit 2025", "Nusantara Economic Outlook"): a run of
 * capitalised words ending in such a head, reported as an event when a cue or a venue is near.
 */
const TAIL_HEADS: Record<string, EventKind> = {
  Summit: EventKind.SEMINAR, Forum: EventKind.SEMINAR, Update: EventKind.SEMINAR, Outlook: EventKind.SEMINAR, Conference: EventKind.SEMINAR,
  Talk: EventKind.SEMINAR, Talks: EventKind.SEMINAR, Dialogue: EventKind.SEMINAR, Congress: EventKind.SEMINAR,
  Expo: EventKind.EXHIBITION, Fair: EventKind.EXHIBITION, Exhibition: EventKind.EXHIBITION, Show: EventKind.EXHIBITION,
  Festival: EventKind.FESTIVAL, Fest: EventKind.FESTIVAL, Marathon: EventKind.FESTIVAL, Run: EventKind.FESTIVAL, Championship: EventKind.FESTIVAL, Cup: EventKind.FESTIVAL,
  Awards: EventKind.OTHER, Award: EventKind.OTHER, Week: EventKind.OTHER, Gathering: EventKind.OTHER, Night: EventKind.OTHER,
  Bootcamp: EventKind.PELATIHAN, Competition: EventKind.FESTIVAL, Challenge: EventKind.FESTIVAL,
};
/**
 * "dalam acara Sarapan Bersama Media", "pada ajang Kota Kreatif Expo 2025", "melalui acara bertajuk 'Uji Nyali'": the
 * words "acara" (a programme), "ajang" (an arena) and "gelaran" (a staging) before a capitalised or quoted name say the
 * name is a gathering's, whatever its vocabulary.
 */
const NAMED_GATHERING_TEST_RE = /(?<![\p{L}])(?:[Aa]cara|[Aa]jang|[Gg]elaran)\s+(?:(?:bertajuk|bernama)\s+)?["“'‘\p{Lu}]/u;
const NAMED_GATHERING_RE = /(?<![\p{L}])(?:[Aa]cara|[Aa]jang|[Gg]elaran)\s+(?:(?:bertajuk|bernama)\s+)?(?:["“]([^"”\n]{3,80}?)["”]|['‘]([^'’\n]{3,80}?)['’]|((?:\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*)(?:[ \t]+(?:\p{Lu}[\p{L}\d&'’-]*(?:\.[\p{L}\d]+)*|\d{1,4}|of|and|for|the|on|&|de|x)){0,7}))/gu;
/** Words of broadcasting in a sentence: "acara X" there is a programme ("siaran langsung acara X", "menonton acara X"). */
const BROADCAST_RE = /(?<![\p{L}])(?:siaran|disiarkan|menyiarkan|tayang|tayangan|ditayangkan|menayangkan|menonton|ditonton|televisi|stasiun TV)(?![\p{L}])/iu;
/** National television channels written with a programme's name. */
const BROADCAST_CHANNEL_RE = /(?<![\p{L}])(?:TV|RCTI|SCTV|TVRI|Indosiar|ANTV|MNCTV|GTV|Trans ?7|tvOne|iNews|NET)(?![\p{L}])/u;
/** "menjadi ajang", "adalah ajang": the occasion for something, as a figure of speech. */
const FIGURATIVE_ARENA_RE = /(?<![\p{L}])(?:menjadi|jadi|adalah|merupakan|sebagai|sekaligus)\s+$/iu;
const MAX_NAMED_GATHERINGS = 40;
/** Capitalised words a run after "acara" stops before: a date or a clause, not part of the name. */
const NAMED_GATHERING_STOP_RE = new RegExp(`^(?:Digelar|Dibuka|Diikuti|Dihadiri|Resmi|Berlangsung|Ini|Itu|Tersebut|Yang|Di|Pada|Dengan|Untuk|Oleh|Dari|Saat|Dalam|Dan|Serta|${[...WEEKDAY_NAMES, ...MONTH_NAMES].join('|')})$`, 'u');
const TAIL_TEST_RE = new RegExp(`\\b(?:${Object.keys(TAIL_HEADS).join('|')})\\b`);
const TAIL_EVENT_RE = new RegExp(`((?:\\p{Lu}[\\p{L}\\d&'’-]*\\s+){1,7})(${Object.keys(TAIL_HEADS).join('|')})(?:\\s+((?:19|20)\\d\\d))?(?![\\p{L}\\d])(?!\\s+\\p{Lu})`, 'gu');
/** Words a capitalised run may start with that are no part of the name ("Dalam Nusantara Outlook …" at a sentence start). */
const TAIL_LEAD_RE = /^(?:Dalam|Acara|Ajang|Gelaran|Di|Pada|Saat|Dan|Dengan|Event|Menghadiri|Mengikuti|Sebagai|Dari|Ke|Oleh|Untuk|Selain|Usai|Seusai|Jelang)$/u;
const TAIL_ENTRIES = new Map<EventKind, EventTypeEntry>();
const NOT_NAME_START = new Set(['Adapun', 'Sementara', 'Namun', 'Kemudian', 'Akhirnya', 'Terdakwa', 'Ia', 'Dia', 'Mereka', 'Sebelumnya', 'Kini', 'Lalu', 'Selain', 'Jika', 'Bila', 'Sehingga']);
/** "Z divonis", "menjatuhkan vonis … kepada Z": a verdict reports the hearing that gave it. */
const VERDICT_RE = /\b(?:divonis|dijatuhi (?:hukuman|vonis|pidana)|menjatuhkan (?:vonis|hukuman|pidana)|membacakan (?:amar )?(?:putusan|vonis))\b/g;

interface Sentence { start: number; end: number }
interface Occ {
  start: number; end: number; entry: EventTypeEntry; kind: EventKind; surface: string; expanded: string; bare: boolean;
  sentence: Sentence; organizer?: string; anaphor?: boolean; strong: boolean; venue?: string;
  /** An event verb or preposition stands right before the word ("memimpin rapat", "saat peluncuran"). */
  cued?: boolean;
}

/**
 * Whether a position lies inside a quotation (more “ than ” before it in its paragraph, a straight mark closing an open
 * curly one, or an odd number of straight quotes), answered from ranges found in one pass instead of rescanning the paragraph each time.
 */
function quotedTest(text: string): (pos: number) => boolean {
  if (!text.includes('"') && !text.includes('“')) return () => false;
  const ranges: number[] = [];
  let curly = 0, straight = 0, open = -1;
  const cs = codesOf(text);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (c === 10) { curly = 0; straight = 0; }
    else if (c === 0x201c) curly++;
    else if (c === 0x201d) curly--;
    // A straight mark after an open curly one closes it (“…" is common in scraped text), as quotes.ts reads it.
    else if (c === 34) { if (curly > 0) curly = 0; else straight ^= 1; }
    else continue;
    const q = curly > 0 || straight === 1;
    // A position is quoted when the prefix before it (exclusive) leaves a quote open.
    if (q && open < 0) open = i + 1;
    else if (!q && open >= 0) { ranges.push(open, i + 1); open = -1; }
  }
  // cs.length, not text.length: a property read reached only here was a deoptimisation (no feedback) on many articles.
  if (open >= 0) ranges.push(open, cs.length + 1);
  return (pos) => {
    let lo = 0, hi = ranges.length / 2;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ranges[2 * mid + 1] <= pos) lo = mid + 1; else hi = mid; }
    return lo < ranges.length / 2 && ranges[2 * lo] <= pos;
  };
}

/** Whether the line holding `pos` is a short title-cased heading without a sentence end. */
function isHeading(text: string, lineStart: number, pos: number): boolean {
  let end = text.indexOf('\n', pos);
  if (end < 0) end = text.length;
  if (end - lineStart > 90) return false;
  const line = text.slice(lineStart, end).trim();
  if (/[.!:;,"”]$/.test(line)) return false;
  const words = line.split(/\s+/);
  return words.length <= 12 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= words.length - 1;
}

/** Sentence bounds of the text: ends at ". ", "! ", "? " (not after a single capital or a short abbreviation) and at line ends. */
function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let s = 0;
  const cs = codesOf(text), n = cs.length;
  for (let i = 0; i < n; i++) {
    const c = cs[i];
    let e = -1;
    if (c === 10) e = i + 1;
    else if (c === 46 || c === 33 || c === 63) {
      // The end mark, an optional closing quote, then a space and a capital, a quote, a digit, "(" or "-".
      let k = i + 1;
      const q = k < n ? cs[k] : 0;
      if (q === 34 || q === 0x201d || q === 0x2019) k++;
      const after = k;
      while (k < n && (cs[k] === 32 || cs[k] === 9 || cs[k] === 10 || cs[k] === 0xa0)) k++;
      if (k === after || k >= n || !SENTENCE_START_RE.test(text[k])) continue;
      if (c === 46 && abbreviationBefore(text, s, i)) continue;
      e = after;
    }
    if (e < 0) continue;
    out.push({ start: s, end: e });
    s = e;
    i = e - 1;
  }
  if (s < n) out.push({ start: s, end: n });
  return out;
}
const SENTENCE_START_RE = /[\p{Lu}"“\d(-]/u;
const SHORT_ABBREVIATIONS = new Set(['dr', 'drg', 'Prof', 'Tbk']);
/** A period after a single capital, a capitalised word of up to three letters or a known short form is no sentence end. */
function abbreviationBefore(text: string, from: number, dot: number): boolean {
  let k = dot - 1;
  while (k >= from && k > dot - 6 && /\p{L}/u.test(text[k])) k--;
  const word = text.slice(k + 1, dot);
  if (!word || (k >= from && !/[\s(]/.test(text[k]))) return false;
  return (word.length <= 3 && /^\p{Lu}\p{Ll}{0,2}$/u.test(word)) || SHORT_ABBREVIATIONS.has(word);
}

function sentenceAt(sents: Sentence[], pos: number): Sentence {
  let lo = 0, hi = sents.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (sents[mid].start <= pos) lo = mid; else hi = mid - 1; }
  return sents[lo] ?? { start: 0, end: 0 };
}

/** Reads an event phrase's modifiers after `from`: capitalised words, numbers, "(ACR)", noun-like lower-case words. */
function readPhrase(text: string, from: number, allowKe: boolean): { end: number; words: string[] } {
  let i = from;
  const words: Array<{ w: string; end: number }> = [];
  let lower = 0;
  while (words.length < 12) {
    WORD_RE.lastIndex = i;
    const w = WORD_RE.exec(text);
    if (!w) break;
    const t = w[1].replace(/\.$/, '');
    const gap = text.slice(i, w.index + w[0].length - w[1].length);
    if (gap.includes('\n')) break;
    const cap = /^[\p{Lu}\d(]/u.test(t);
    if (cap) {
      if (CAP_STOP_RE.test(t) || WEEKDAY_OR_MONTH_RE.test(t)) break;
      // A day number followed by a month is a date, not part of the name.
      if (/^\d{1,2}(?:[-–]\d{1,2})?$/.test(t)) {
        const next = /^(?:[\s\d–-]|dan\s|sampai\s|hingga\s)*([A-Z][a-z]+)/.exec(text.slice(w.index + w[0].length, w.index + w[0].length + 24));
        if (next && WEEKDAY_OR_MONTH_RE.test(next[1])) break;
      }
    } else {
      const lw = t.toLowerCase();
      const connector = lw === 'dan' || lw === 'tentang' || lw === 'se' || (lw === 'ke' && allowKe) || lw === 'tahun';
      if (connector) {
        // A connector stays only before a capitalised word or a number.
        WORD_RE.lastIndex = w.index + w[0].length;
        const nx = WORD_RE.exec(text);
        const nextTrigger = !!nx && lw === 'dan' && EVENT_BY_FORM.has(nx[1].toLowerCase());
        if (!nx || (!/^[\p{Lu}\d(]/u.test(nx[1]) && !nextTrigger)) break;
      } else {
        // "-nya" words ("rencananya", "putranya") and stop words end the name.
        if (STOP_WORDS.has(lw) || lower >= 4 || (lw.length > 5 && lw.endsWith('nya'))) break;
        // "ke-25": an ordinal belongs to the name.
        if (/^ke-\d+$/.test(lw)) { words.push({ w: t, end: w.index + w[0].length }); i = w.index + w[0].length; continue; }
        if (ACTIVE_PREFIX_RE.test(lw) || (VERB_PREFIX_RE.test(lw) && !NOUNISH_RE.test(lw))) break;
        if (!/^\p{L}+$/u.test(lw) && !/^\d/.test(lw)) break;
        lower++;
      }
    }
    words.push({ w: t, end: w.index + w[0].length - (w[1].length - t.length) });
    i = w.index + w[0].length;
    if (w[1].endsWith('.') && !/^\p{Lu}\.$/u.test(w[1])) break;
  }
  while (words.length && /^(?:dan|ke|tentang|se|tahun|bagi|untuk)$/i.test(words[words.length - 1].w)) words.pop();
  // Filled by push from one literal: arrays made by map (by the builtin or by optimised code, empty or not) differ in
  // element kind, and each new kind deoptimised the trigger step that reads them.
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) { const w = words[i]; out.push(w.w); }
  return { end: words.length ? words[words.length - 1].end : from, words: out };
}

const cap1 = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the steps of collectEvents share about one article: its sentences and the tests they all ask. */
interface EventText {
  run: ArticleRun; text: string; sents: Sentence[]; quoted: (pos: number) => boolean; inInst: (pos: number) => boolean;
  datesIn: (s: Sentence) => DateSpan[];
  /** Whether the sentence has a word saying something took place (CUE_VERB_RE), read once per sentence. */
  reported: (s: Sentence) => boolean;
}
interface Group { kind: EventKind; entry: EventTypeEntry; occs: Occ[]; name: string; first: number }
interface Ev { g: Group; sentences: Sentence[]; paras: number[]; concrete: boolean; evidenced: boolean; date: DateSpan | null; venue: { name: string; city: string | null } | null; organizers: string[] }

/**
 * The events stage. Its steps are functions of their own: as one function of some 15 KB of bytecode it took the
 * optimising compiler most of a second per compilation, and a deoptimisation in any step threw all of it away.
 */
export function collectEvents(run: ArticleRun): XEvent[] {
  const text = run.text;
  // Most articles name no event word at all: the scan decides before sentences and quotations are read.
  const scan = findTriggers(text);
  const tails = TAIL_TEST_RE.test(text);
  const named = NAMED_GATHERING_TEST_RE.test(text);
  if (scan.hits.length === 0 && !scan.verdict && !scan.verb && !tails && !named) return [];
  const sents = sentencesOf(text);
  const sentPara = sents.map((x) => run.paraOf(x.start));
  const inInst = (pos: number) => run.instHits.some((h) => pos >= h.start && pos < h.end && pos !== h.start);
  const quoted = quotedTest(text);
  const datesMemo = new Map<number, DateSpan[]>();
  const datesIn = (s: Sentence) => {
    let d = datesMemo.get(s.start);
    if (!d) { d = findDates(text.slice(s.start, s.end), run.a.publishedOn).map((x) => ({ ...x, index: x.index + s.start })); datesMemo.set(s.start, d); }
    return d;
  };
  const reportedMemo = new Map<number, boolean>();
  const reported = (s: Sentence) => {
    let r = reportedMemo.get(s.start);
    if (r === undefined) reportedMemo.set(s.start, (r = CUE_VERB_RE.test(text.slice(s.start, s.end))));
    return r;
  };
  const et: EventText = { run, text, sents, quoted, inInst, datesIn, reported };
  const occs = triggerOccurrences(et, scan.hits);
  // Verb forms: "Kementerian X meluncurkan program Y", "Bupati meresmikan gedung Z".
  if (scan.verb) verbOccurrences(et, occs);
  // English names with the kind last, where a cue before, a venue or a date in the sentence says it was held.
  if (tails) tailOccurrences(et, occs);
  // Names after "acara", "ajang", "gelaran", whatever their words.
  if (named) namedGatheringOccurrences(et, occs);
  // Verdicts: the hearing that gave one, named after the person sentenced.
  if (scan.verdict && !occs.some((o) => o.kind === EventKind.HEARING && !o.bare)) verdictOccurrence(et, occs);
  occs.sort((a, b) => a.start - b.start);
  const evs = evidenceOf(et, groupOccurrences(occs, text));
  // Filled by push from one literal (see readPhrase).
  const kept: Ev[] = [];
  for (let i = 0; i < evs.length; i++) if (evs[i].concrete) kept.push(evs[i]);
  const owner = discourseOwners(et, kept);
  const quotes = kept.length ? collectQuotes(run) : [];
  const titles: { map?: Map<string, string> } = {};
  const out: XEvent[] = [];
  for (let i = 0; i < kept.length; i++) { const ev = kept[i]; out.push(eventOut(et, ev, owner, sentPara, quotes, titles)); }
  return out;
}

/** Candidate trigger occurrences, counted per entry first: a generic word written twice is a topic, not a passing word. */
function triggerOccurrences(et: EventText, hits: Array<{ index: number; text: string }>): Occ[] {
  const { run, text, sents, quoted, inInst, datesIn } = et;
  const raw: Array<{ m: { index: number; 1: string }; entry: EventTypeEntry; form: string }> = [];
  const perEntry = new Map<EventTypeEntry, number>();
  for (let i = 0; i < hits.length; i++) {
    const t = hits[i];
    const m = { index: t.index, 1: t.text };
    const hit = EVENT_BY_FORM.get(m[1].toLowerCase());
    if (!hit) continue;
    if (isAcronymForm(hit.form) && m[1] !== hit.form) continue;
    raw.push({ m, entry: hit.entry, form: hit.form });
    perEntry.set(hit.entry, (perEntry.get(hit.entry) ?? 0) + 1);
  }
  const occs: Occ[] = [];
  let consumedTo = -1;
  for (let k = 0; k < raw.length; k++) {
    const { m, entry } = raw[k];
    const start = m.index;
    if (start < consumedTo || inInst(start)) continue;
    const word = m[1];
    const sentence = sentenceAt(sents, start);
    const before = text.slice(Math.max(sentence.start, start - 60), start);
    if (BLOCK_BEFORE_RE.test(before) || BLOCK_AFTER_RE.test(text.slice(start + word.length, start + word.length + 16))) continue;
    const lowerCase = !/^\p{Lu}/u.test(word);
    const sText = text.slice(sentence.start, sentence.end);
    const inQuote = quoted(start);
    // A trigger word followed by "ini"/"tersebut" points back at an event already named.
    const anaphor = /^\s+(?:ini|itu|tersebut)(?![\p{L}])/u.test(text.slice(start + word.length, start + word.length + 12));
    if (entry.signing && !SIGNING_VERB_RE.test(sText)) continue;
    let phraseStart = start;
    const pre = PRE_MODIFIER_RE.exec(before);
    if (pre && !anaphor && entry.kind !== EventKind.UPACARA) phraseStart = start - pre[1].length;
    else if (pre && /puncak/i.test(pre[1])) phraseStart = start - pre[1].length;
    const weak = !!entry.weak || lowerCase;
    // A part of a ceremony named as such ("dirangkai dengan penyerahan …") belongs to the event before it.
    const part = PART_OF_RE.test(before);
    // The guard for generic words, cheapest tests first; a capitalised name may still vouch for it below.
    let cue = true;
    if (weak && !part) {
      // A sub-heading ("Lima Manfaat Apel Hijau") is a title-cased line, not a report of a gathering.
      if (isHeading(text, run.paraStarts[run.paraOf(start)], start)) continue;
      // In a quotation a generic word is talk, unless the speaker names the gathering and dates it ("Rapat Dewan X pada
      // 17 Juni memutuskan …").
      if (inQuote && (lowerCase || !/^\s+\p{Lu}\p{L}+\s+\p{Lu}/u.test(text.slice(start + word.length, start + word.length + 40)) || datesIn(sentence).length === 0)) continue;
      cue = (perEntry.get(entry) ?? 0) >= 2 || CUE_BEFORE_RE.test(before) || CUE_VERB_RE.test(sText) || VENUE_CUE_RE.test(sText) || datesIn(sentence).length > 0;
      if (!cue && lowerCase) continue;
    }
    const ph = anaphor ? { end: start + word.length, words: [] as string[] } : readPhrase(text, start + word.length, entry.kind === EventKind.KUNKER);
    // A quoted title after "bertajuk"/"bernama" is the event's own name.
    const titled = anaphor ? null : TITLED_RE.exec(text.slice(start + word.length, start + word.length + 140));
    const named = ph.words.some((w) => /^\p{Lu}/u.test(w)) || !!titled;
    if (!cue && !named) continue;
    const end = titled ? start + word.length + titled[0].length : ph.end;
    consumedTo = end;
    let surface = text.slice(phraseStart, end).replace(/\s+/g, ' ');
    if (titled) surface = (titled[1] ?? titled[2]).trim();
    let shortForm = surface;
    for (const [acr, long] of run.defs) shortForm = shortForm.replace(`${long} (${acr})`, acr);
    if (entry.full) {
      const def = `${entry.full} (${word})`.toLowerCase();
      const at = shortForm.toLowerCase().indexOf(def);
      if (at >= 0) shortForm = shortForm.slice(0, at) + word + shortForm.slice(at + def.length);
    }
    const noParens = surface.replace(/\s*\([^)]*\)/g, '').replace(/(\p{L})\(/gu, '$1 (').replace(/\s*\([^)]*\)/g, '').trim();
    const lead = text.slice(phraseStart, start);
    const full = !titled && entry.full && word.toLowerCase() !== entry.full.toLowerCase() && !word.includes(' ')
      ? lead + entry.full + noParens.slice(lead.length + word.length) : noParens;
    let expanded = run.expandAcronyms(full).replace(/\s+/g, ' ');
    // "Pekan Raya Desa atau pameran produk desa": the proper name before "atau" names the event.
    const appos = APPOSITIVE_RE.exec(before);
    if (appos && lowerCase && !titled) { expanded = appos[1]; shortForm = surface; }
    if (entry.signing && !/^penandatanganan/i.test(expanded)) expanded = `Penandatanganan ${expanded}`;
    expanded = cap1(expanded);
    occs.push({
      start: phraseStart, end, kind: entry.kind, entry, surface: shortForm.includes('(') ? noParens : shortForm, expanded, sentence,
      bare: !titled && ph.words.filter((w) => !w.startsWith('(')).length === 0, anaphor: anaphor || part, strong: !weak || named, cued: CUE_BEFORE_RE.test(before),
    });
  }
  return occs;
}

function verbOccurrences(et: EventText, occs: Occ[]): void {
  const { run, text, sents, quoted } = et;
  VERB_EVENT_RE.lastIndex = 0;
  for (let m = VERB_EVENT_RE.exec(text); m; m = VERB_EVENT_RE.exec(text)) {
    const v = VERB_EVENT[m[1].toLowerCase()];
    const objStart = m.index + m[0].length;
    if (occs.some((o) => objStart >= o.start && objStart < o.end)) continue;
    const sentence = sentenceAt(sents, m.index);
    const subj = run.instHits.filter((h) => h.end <= m!.index && h.end >= m!.index - 20 && h.start >= sentence.start).pop();
    // A launch is reported as an event when a body launches something (a firm the extractor does not know as a body
    // counts where a date, venue or host evidences it: "Merek X resmi meluncurkan …"); an opening whenever something is opened.
    const firm = !subj && v.kind === EventKind.LAUNCHING && !quoted(m.index) && launcherBefore(run, text, sentence.start, m.index);
    if (v.kind === EventKind.LAUNCHING && !subj && !firm) continue;
    if (v.kind === EventKind.PERESMIAN && quoted(m.index)) continue;
    let from = objStart;
    let ph = readPhrase(text, from, false);
    // "meluncurkan dua mobil terbarunya, yakni Merek X3 dan …": the names come after "yakni/yaitu/bernama".
    if (!ph.words.some((w) => /^\p{Lu}/u.test(w))) {
      const named = NAMED_AFTER_RE.exec(text.slice(objStart, Math.min(sentence.end, objStart + 80)));
      if (named) { from = objStart + named.index + named[0].length; ph = readPhrase(text, from, false); }
    }
    if (ph.words.length === 0 || !ph.words.some((w) => /^\p{Lu}/u.test(w))) continue;
    const obj = text.slice(from, ph.end).replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
    const expanded = `${v.noun} ${run.expandAcronyms(obj)}`.replace(/\s+/g, ' ');
    occs.push({
      start: m.index, end: ph.end, kind: v.kind, entry: v.kind === EventKind.LAUNCHING ? LAUNCH_ENTRY : OPENING_ENTRY, surface: `${m[1]} ${obj}`, expanded,
      sentence, bare: false, organizer: subj?.name, strong: !firm,
      venue: v.kind === EventKind.PERESMIAN && BUILDING_RE.test(obj) ? obj : undefined,
    });
  }
  // "Aplikasi Sapa Warga diluncurkan Senin (16/6) di Balai Kota": the thing named before the verb. Said of a thing, not
  // of a held gathering, so it stands as an event only with a date, a venue or a host (evidenceOfGroup).
  PASSIVE_EVENT_RE.lastIndex = 0;
  for (let m = PASSIVE_EVENT_RE.exec(text); m; m = PASSIVE_EVENT_RE.exec(text)) {
    const v = VERB_EVENT[m[1].toLowerCase()];
    if (quoted(m.index) || occs.some((o) => m!.index >= o.start && m!.index < o.end)) continue;
    const sentence = sentenceAt(sents, m.index);
    const before = text.slice(Math.max(sentence.start, m.index - 120), m.index);
    const om = PASSIVE_OBJECT_RE.exec(before);
    if (!om) continue;
    const obj = om[1].replace(/\s+/g, ' ').trim();
    const start = m.index - before.length + om.index;
    // A capitalised common word alone opens a sentence ("Sejak diluncurkan …", "Program ini diluncurkan …"), naming nothing;
    // a clause of time ("Saat/Ketika X diresmikan pada 2016 …") recalls the launch rather than reports it.
    if (!obj.includes(' ') && shippedTagger().lexicon.has(obj.toLowerCase())) continue;
    if (TIME_CLAUSE_RE.test(obj) || TIME_CLAUSE_BEFORE_RE.test(text.slice(Math.max(sentence.start, start - 12), start))) continue;
    // Not a person ("Bupati X diresmikan" is no launch) and not a body ("Kementerian X diresmikan" opens an office building).
    if (run.spansWithin(start, m.index).length || run.instHits.some((h) => h.start < m!.index && start < h.end)) continue;
    occs.push({
      start, end: m.index + m[0].length, kind: v.kind, entry: v.kind === EventKind.LAUNCHING ? LAUNCH_ENTRY : OPENING_ENTRY, surface: `${obj} ${m[1]}`,
      expanded: `${v.noun} ${run.expandAcronyms(obj)}`.replace(/\s+/g, ' '), sentence, bare: false, strong: false,
      venue: v.kind === EventKind.PERESMIAN && BUILDING_RE.test(obj) ? obj : undefined,
    });
  }
}

function tailOccurrences(et: EventText, occs: Occ[]): void {
  const { run, text, sents, quoted, inInst } = et;
  TAIL_EVENT_RE.lastIndex = 0;
  for (let m = TAIL_EVENT_RE.exec(text); m; m = TAIL_EVENT_RE.exec(text)) {
    const ws = m[1].trim().split(/\s+/);
    let k = 0;
    while (k < ws.length && TAIL_LEAD_RE.test(ws[k])) k++;
    const lead = ws.slice(k);
    // "Jakarta Convention Center", "Hall B …": the run names a venue.
    if (lead.length === 0 || lead.some((w) => /^(?:Hall|Convention|Center|Centre|Arena|Stadium|Gedung|Hotel)$/.test(w))) continue;
    const start = m.index + m[0].indexOf(lead[0]), end = m.index + m[0].length;
    if (!freeSpan(et, occs, start, end, start)) continue;
    const sentence = sentenceAt(sents, start);
    const before = text.slice(Math.max(sentence.start, start - 40), start);
    const after = text.slice(end, Math.min(sentence.end, end + 80));
    if (!CUE_BEFORE_RE.test(before) && !VENUE_AFTER_NAME_RE.test(after) && !et.reported(sentence)) continue;
    const kind = TAIL_HEADS[m[2]];
    const name = text.slice(start, end).replace(/\s+/g, ' ');
    occs.push({ start, end, kind, entry: namedEntry(kind), surface: name, expanded: name, sentence, bare: false, strong: true, cued: CUE_BEFORE_RE.test(before) });
  }
}

/** A venue right after a name ("… di Gedung X", after a closing quote too). */
const VENUE_AFTER_NAME_RE = /^["”'’]?,?\s+(?:di|bertempat di)\s+\p{Lu}/u;
/** Whether a name found at [start, end) is free: no other occurrence there, not inside a body's name, not quoted at `at`. */
function freeSpan(et: EventText, occs: Occ[], start: number, end: number, at: number): boolean {
  return !(occs.some((o) => start < o.end && end > o.start) || et.inInst(start) || et.run.instHits.some((h) => h.start <= start && h.end >= end) || et.quoted(at));
}
/** The one entry per kind that names found by their form rather than by a listed word belong to. */
function namedEntry(kind: EventKind): EventTypeEntry {
  let entry = TAIL_ENTRIES.get(kind);
  if (!entry) TAIL_ENTRIES.set(kind, (entry = { kind, forms: [], weak: false }));
  return entry;
}

function namedGatheringOccurrences(et: EventText, occs: Occ[]): void {
  const { run, text, sents, datesIn } = et;
  NAMED_GATHERING_RE.lastIndex = 0;
  // Whether a sentence speaks of broadcasting, read once per sentence.
  const broadcast = new Map<number, boolean>();
  // Bounded: a text of nothing but such phrases is no report of that many gatherings.
  for (let m = NAMED_GATHERING_RE.exec(text), found = 0, seen = 0; m && found < MAX_NAMED_GATHERINGS && seen < 10 * MAX_NAMED_GATHERINGS; m = NAMED_GATHERING_RE.exec(text), seen++) {
    let name: string, start: number, end: number;
    const title = m[1] ?? m[2];
    if (title !== undefined) {
      name = title.trim();
      start = m.index + m[0].indexOf(title) + (title.length - title.trimStart().length);
      end = start + name.length;
      if (!/^[\p{Lu}\d]/u.test(name)) continue;
    } else {
      const run3 = m[3];
      start = m.index + m[0].length - run3.length;
      // The words with their ends in the run; the name stops before a date or a clause word.
      const words: Array<{ w: string; end: number }> = [];
      for (const w of run3.matchAll(/\S+/g)) { if (NAMED_GATHERING_STOP_RE.test(w[0])) break; words.push({ w: w[0], end: w.index! + w[0].length }); }
      // Connectors and numbers do not end a name; an unquoted name has two words at least (one capitalised word after
      // "ajang" is as often a region or a body: "ajang Eropa").
      while (words.length && /^(?:of|and|for|the|on|&|de|x|\d{1,2})$/.test(words[words.length - 1].w)) words.pop();
      if (words.length < 2) continue;
      name = words.map((w) => w.w).join(' ');
      end = start + words[words.length - 1].end;
      if (run.x.regions.lookup(name) || run.x.regions.lookup(words[0].w)) continue;
    }
    if (!freeSpan(et, occs, start, end, m.index)) continue;
    // A person's name is no gathering's ("acara Presiden Prabowo": the President's programme).
    if (run.spansWithin(start, end).length) continue;
    const sentence = sentenceAt(sents, m.index);
    const before = text.slice(Math.max(sentence.start, m.index - 40), m.index);
    const arena = /^[Aa]jang/.test(m[0]);
    // A broadcast's "acara" ("acara X yang tayang di …", "menonton acara X", "acara X RCTI") is a show, not a gathering.
    if (/^[Aa]cara/.test(m[0])) {
      let onAir = broadcast.get(sentence.start);
      if (onAir === undefined) broadcast.set(sentence.start, (onAir = BROADCAST_RE.test(text.slice(sentence.start, sentence.end))));
      if (onAir || BROADCAST_CHANNEL_RE.test(`${name} ${text.slice(end, end + 14)}`)) continue;
    }
    // "menjadi ajang X", "adalah ajang X": an occasion for something, not a named gathering.
    if (arena && FIGURATIVE_ARENA_RE.test(before)) continue;
    const after = text.slice(end, Math.min(sentence.end, end + 80));
    const cued = CUE_BEFORE_RE.test(before);
    if (!cued && !VENUE_AFTER_NAME_RE.test(after) && !et.reported(sentence) && datesIn(sentence).length === 0) continue;
    const head = /(\p{L}+)(?:\s+(?:19|20)\d\d)?$/u.exec(name)?.[1] ?? '';
    const kind = Object.prototype.hasOwnProperty.call(TAIL_HEADS, head) ? TAIL_HEADS[head] : EventKind.OTHER;
    occs.push({ start, end, kind, entry: namedEntry(kind), surface: name, expanded: name, sentence, bare: false, strong: true, cued });
    found++;
  }
}

function verdictOccurrence(et: EventText, occs: Occ[]): void {
  const { run, text, sents, quoted } = et;
  VERDICT_RE.lastIndex = 0;
  for (let m = VERDICT_RE.exec(text); m; m = VERDICT_RE.exec(text)) {
    if (quoted(m.index)) continue;
    const sentence = sentenceAt(sents, m.index);
    const spans = run.spansWithin(sentence.start, sentence.end);
    const who = /^divonis|^dijatuhi/i.test(m[0]) ? spans.filter((s) => s.end <= m!.index && s.end >= m!.index - 4).pop()
      : spans.find((s) => s.start > m!.index && /(?:kepada|untuk|terhadap)\s+(?:terdakwa\s+)?$/i.test(text.slice(Math.max(m!.index, s.start - 20), s.start)));
    // Without a known person, the capitalised name written just before "divonis".
    const bare = who ? null : /(?:^|[\s,])((?:\p{Lu}\p{Ll}+\s+){0,2}\p{Lu}\p{Ll}+)\s+$/u.exec(text.slice(Math.max(sentence.start, m.index - 40), m.index));
    const defendant = who?.acc.name ?? (bare && /^divonis|^dijatuhi/i.test(m[0]) ? bare[1].split(/\s+/).filter((w) => !NOT_NAME_START.has(w)).join(' ') : '');
    // A verdict read out is a hearing even when the defendant is not named in that sentence.
    if (!defendant && !/^membacakan|^menjatuhkan/.test(m[0])) continue;
    const name = defendant ? `Sidang Vonis ${defendant}` : 'Sidang Pembacaan Putusan';
    occs.push({ start: m.index, end: m.index + m[0].length, kind: EventKind.HEARING, entry: VERDICT_ENTRY, surface: defendant ? `vonis ${defendant}` : m[0], expanded: name, sentence, bare: false, strong: true });
    break;
  }
}

/**
 * Groups occurrences (sorted): a bare or anaphoric mention joins the latest event of its entry, a part of a ceremony the
 * latest event; named ones join a compatible name of the same kind.
 */
function groupOccurrences(occs: Occ[], text: string): Group[] {
  const groups: Group[] = [];
  const keys = new Map<string, string>();
  for (let i = 0; i < occs.length; i++) {
    const o = occs[i];
    let g: Group | undefined;
    const latest = (f: (x: Group) => boolean) => { for (let k = groups.length - 1; k >= 0; k--) if (f(groups[k])) return groups[k]; return undefined; };
    if (o.anaphor && !o.bare) g = latest(() => true);
    else if (o.bare || o.anaphor) {
      g = latest((x) => x.entry === o.entry) ?? (o.entry === LAUNCH_ENTRY || o.entry === OPENING_ENTRY ? latest((x) => x.kind === o.kind) : undefined);
      // A bare head word refers back to a named event it heads: "Rapat" after a "Rapat Paripurna …", "Sidang" after a "Sidang Tahunan …".
      g ??= latest((x) => x.name !== '' && headWord(x.name) === headWord(o.surface));
      // Else the latest named event of its kind: "pameran" after "… Motor Show 2025", "peluncuran" after a named launch;
      // not of the catch-all kind, whose events have nothing in common, nor hearings (one case has many), nor a word
      // that points at another occasion ("persidangan sebelumnya").
      if (o.kind !== EventKind.OTHER && o.kind !== EventKind.HEARING && !OTHER_OCCASION_RE.test(text.slice(o.end, o.end + 16))) g ??= latest((x) => x.name !== '' && x.kind === o.kind);
    }
    else g = groups.find((x) => (x.entry === o.entry || x.kind === o.kind) && (x.name === '' || compatibleNames(x.name, o.expanded, keys) || sameDestination(x.name, o.expanded)));
    if (g) { g.occs.push(o); if (!o.bare && !o.anaphor && (g.name === '' || o.expanded.length > g.name.length)) g.name = o.expanded; }
    else groups.push({ kind: o.kind, entry: o.entry, occs: [o], name: o.bare ? '' : o.expanded, first: o.start });
  }
  return groups;
}

/** Each group's own evidence, to tell concrete events (dated, placed, held by someone) from passing references. */
function evidenceOf(et: EventText, groups: Group[]): Ev[] {
  // Filled by push from one literal (see readPhrase).
  const out: Ev[] = [];
  for (let i = 0; i < groups.length; i++) out.push(evidenceOfGroup(et, groups[i]));
  return out;
}

function evidenceOfGroup(et: EventText, g: Group): Ev {
  const { run, quoted, datesIn } = et;
  const sentences = [...new Map(g.occs.map((o) => [o.sentence.start, o.sentence])).values()];
  const paras = [...new Set(g.occs.map((o) => run.paraOf(o.start)))];
  const organizers = organizersOf(run, g.occs, paras);
  // Dates a speaker gives count only right after the gathering they name inside their own quotation.
  const inQuote = g.occs.every((o) => quoted(o.start));
  const own: DateSpan[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const ds = datesIn(sentences[i]);
    for (let k = 0; k < ds.length; k++) { const d = ds[k]; if (!quoted(d.index) || (inQuote && g.occs.some((o) => d.index >= o.end && d.index - o.end < 40))) own.push(d); }
  }
  let date: DateSpan | null = own.length ? own[0] : null;
  for (let i = 0; i < own.length; i++) if (own[i].start !== own[i].end) { date = own[i]; break; }
  const objVenue = g.occs.find((o) => o.venue)?.venue;
  const venue = objVenue ? { name: objVenue, city: asCity(run.trailingRegion(objVenue)?.region) } : venueOf(run, sentences, g.kind === EventKind.KUNKER);
  const evidenced = !!date || !!venue || organizers.length > 0;
  // A bare word with a time cue after words of what is still to come ("harga baru akan diumumkan saat peluncuran") names
  // no gathering the article reports.
  const cued = (o: Occ) => o.cued && !(o.bare && FUTURE_RE.test(et.text.slice(Math.max(o.sentence.start, o.start - 60), o.start)));
  const concrete = evidenced || g.occs.some((o) => (o.strong && !o.bare) || cued(o));
  return { g, sentences, paras, concrete, evidenced, date, venue, organizers };
}

/**
 * Discourse: each sentence belongs to the dated, placed or held event mentioned last at or before it; the lead-in and
 * sentences with "acara ini", "kegiatan tersebut" belong to the article's main event (the first such event).
 */
function discourseOwners(et: EventText, kept: Ev[]): Array<Ev | null> {
  const { text, sents, quoted } = et;
  const evidenced: Ev[] = [];
  for (let i = 0; i < kept.length; i++) if (kept[i].evidenced) evidenced.push(kept[i]);
  const anchors = evidenced.length ? evidenced : kept;
  const main = anchors[0];
  const owner = new Array<Ev | null>(sents.length).fill(null);
  if (main) {
    const mentionAt = new Map<number, Ev>();
    for (let i = 0; i < anchors.length; i++) { const e = anchors[i]; for (const o of e.g.occs) if (!o.anaphor || o.bare) mentionAt.set(o.sentence.start, e); }
    const anaphoric = new Set<number>();
    ANAPHOR_RE.lastIndex = 0;
    for (let m = ANAPHOR_RE.exec(text); m; m = ANAPHOR_RE.exec(text)) if (!quoted(m.index)) anaphoric.add(sentenceAt(sents, m.index).start);
    let cur: Ev = main;
    for (let k = 0; k < sents.length; k++) {
      const here = mentionAt.get(sents[k].start);
      if (here) cur = here;
      owner[k] = anaphoric.has(sents[k].start) && !here ? main : cur;
    }
  }
  return owner;
}

/**
 * The date of an event its own sentences do not give: from its paragraphs, then the sentences of its discourse before
 * its first mention, then the dated sentence of the report after it (null: none).
 */
function discourseDate(et: EventText, ev: Ev, scope: Sentence[], sentPara: number[]): DateSpan | null {
  const { sents, quoted, datesIn } = et;
  const g = ev.g;
  let date: DateSpan | null = null;
  {
    const paraSet = new Set(ev.paras);
    const inParas: DateSpan[] = [];
    for (let k = 0; k < sents.length; k++) {
      if (!paraSet.has(sentPara[k])) continue;
      const ds = datesIn(sents[k]);
      for (let j = 0; j < ds.length; j++) if (!quoted(ds[j].index)) inParas.push(ds[j]);
    }
    date = inParas.length ? inParas[0] : null;
    for (let k = 0; k < inParas.length; k++) if (inParas[k].start !== inParas[k].end) { date = inParas[k]; break; }
  }
  if (!date) {
    const firstAt = g.occs[0].start;
    const earlier = scope.filter((x) => x.end <= firstAt).reverse();
    for (let i = 0; i < earlier.length; i++) { const x = earlier[i]; const d = datesIn(x).filter((y) => !quoted(y.index)); if (d.length) { date = d[0]; break; } }
  }
  if (!date) {
    // The report's own dated sentence after the first mention ("…, kata X di Y, Rabu (18/6/2025)").
    const firstAt = g.occs[0].start;
    let looked = 0;
    for (let i = 0; i < scope.length; i++) {
      const x = scope[i];
      if (x.start < firstAt) continue;
      // The report's dateline sentence is near the mention; far ones date other things.
      if (++looked > 12) break;
      const d = datesIn(x).filter((y) => !quoted(y.index));
      if (d.length) { date = d[0]; break; }
    }
  }
  return date;
}

/** A kept event as extracted; `titles` holds the article's titles once the first event has asked for them. */
function eventOut(et: EventText, ev: Ev, owner: Array<Ev | null>, sentPara: number[], quotes: Array<{ speaker: string | null; start: number; end: number }>,
  titles: { map?: Map<string, string> }): XEvent {
  const { run, text, sents, quoted, datesIn } = et;
  const refDate = run.a.publishedOn;
  const g = ev.g;
  const ownSents = new Set(ev.sentences.map((x) => x.start));
  const scope = sents.filter((x, k) => owner[k] === ev || ownSents.has(x.start));
  const date = ev.date ?? discourseDate(et, ev, scope, sentPara);
  let startDate: string | null = date?.start ?? null, endDate: string | null = date?.end ?? null;
  if (!date && refDate) { startDate = refDate; endDate = refDate; }
  // Venue: the event's sentences, else the sentence its date came from.
  let venue = ev.venue;
  if (!venue && date) venue = venueOf(run, [sentenceAt(sents, date.index)], false);
  // "Kegiatan dipusatkan di …", "rute dimulai dari …" later in the event's discourse.
  if (!venue) {
    for (let i = 0; i < scope.length; i++) {
      const x = scope[i];
      const st = text.slice(x.start, x.end);
      const m = VENUE_LATER_RE.exec(st);
      if (!m || quoted(x.start + m.index)) continue;
      const name = (m[1] ?? m[2]).replace(/\.(?=\p{L}|\s).*$/u, '').replace(/[\s,.]+$/, '');
      if (name.split(/\s+/).length >= 2 && !run.x.regions.lookup(name) && !NOT_VENUE_RE.test(name)) { venue = { name, city: null }; break; }
    }
  }
  let city: string | null = venue?.city ?? null;
  if (!city) {
    for (let i = 0, list = ev.sentences; i < list.length; i++) {
      const x = list[i];
      const m = /(?<![\p{L}])(?:di|digelar di|berlangsung di)\s+(?:Kabupaten\s+|Kota\s+)?(\p{Lu}[\p{L}]+(?:\s+\p{Lu}[\p{L}]+)?)/u.exec(text.slice(x.start, x.end));
      if (m) { const c = asCity(run.x.regions.lookup(m[1]) ?? run.x.regions.lookup(m[1].split(' ')[0])); if (c) { city = c; break; } }
    }
  }
  let participantCount: number | null = null;
  for (let i = 0; i < scope.length; i++) {
    const x = scope[i];
    const n = countIn(text.slice(x.start, x.end));
    if (n !== null) { participantCount = n; break; }
  }
  const participants = rolesIn(run, scope, ev.sentences, quotes, quoted);
  // "Wabup beserta rombongan meresmikan …": a title standing for a person named with it earlier.
  for (let i = 0, list = titleSubjects(run, ev.sentences, quoted, titles.map ??= titlesOf(run)); i < list.length; i++) {
    const [name, role] = list[i];
    const cur = participants.find((p) => p.person === name);
    if (!cur) participants.push({ person: name, role });
    else if (ROLE_RANK[role] > ROLE_RANK[cur.role]) cur.role = role;
  }
  const name = g.name || g.occs.find((o) => !o.anaphor)?.expanded || cap1(g.occs[0].surface);
  const forms = new Set<string>();
  for (let i = 0; i < g.occs.length; i++) { const o = g.occs[i]; if (!o.bare && !o.anaphor && o.surface !== name) forms.add(o.surface); }
  const aliases = [...forms];
  return {
    name, aliases, kind: g.kind, startDate, endDate, venue: venue?.name ?? null, city, organizers: ev.organizers, participantCount, participants,
    mentions: g.occs.map((o) => ({ start: o.start, end: o.end, text: text.slice(o.start, o.end) })),
  };
}

/** Institutions the text says hold the event: "digelar (oleh) X", "X menggelar <event>", "X meluncurkan …". */
function organizersOf(run: ArticleRun, occs: Occ[], paras: number[]): string[] {
  const out: string[] = [];
  const add = (n: string) => { if (!out.includes(n)) out.push(n); };
  for (let i = 0; i < occs.length; i++) { const o = occs[i]; if (o.organizer) add(o.organizer); }
  const text = run.text;
  for (let k = 0; k < occs.length; k++) {
    const o = occs[k];
    if (o.anaphor && o.bare) continue;
    const s = o.sentence;
    // "X menggelar <event>": the verb stands right before this mention.
    for (let i = 0, list = run.instHits; i < list.length; i++) {
      const h = list[i];
      if (h.start < s.start || h.end > o.start || o.start - h.end > 60) continue;
      const between = text.slice(h.end, o.start);
      // "Anggota DPRD X Siti menggelar reses": a person between the body and the verb holds the event (HOST).
      if (run.spansWithin(h.end, o.start).length > 0 || run.personSpans.some((sp) => sp.start <= h.start && sp.end >= h.end)) continue;
      if (ORGANIZER_VERB_RE.test(between) && !/[.;]/.test(between) && /(?:menggelar|menyelenggarakan|mengadakan|melaksanakan|melakukan|memberikan|meluncurkan|menginisiasi|memprakarsai)\s*(?:\S+\s+){0,2}$/u.test(between)) add(organizerName(run, h));
    }
    // "<event> digelar (oleh) X" in the mention's sentence.
    const sText = text.slice(o.end, s.end);
    ORGANIZER_PASSIVE_RE.lastIndex = 0;
    for (let m = ORGANIZER_PASSIVE_RE.exec(sText); m; m = ORGANIZER_PASSIVE_RE.exec(sText)) {
      const at = o.end + m.index + m[0].length;
      const h = run.instHits.find((x) => x.start === at);
      if (h) add(h.name);
    }
  }
  // "digelar oleh X" anywhere in the event's paragraphs, and "diinisiasi X" for the programme launched.
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k];
    const ps = run.paraStarts[p], pt = run.paraText(p);
    ORGANIZER_PASSIVE_RE.lastIndex = 0;
    for (let m = ORGANIZER_PASSIVE_RE.exec(pt); m; m = ORGANIZER_PASSIVE_RE.exec(pt)) {
      if (!/oleh\s+$|^(?:diinisiasi|digagas|diprakarsai)/i.test(m[0]) && !/^(?:digelar|diselenggarakan)\s+$/i.test(m[0])) continue;
      const at = ps + m.index + m[0].length;
      const h = run.instHits.find((x) => x.start === at);
      if (h) add(h.name);
    }
  }
  return out;
}

/**
 * The holding body as the text names it around an institution hit: a sub-unit written before its parent
 * ("Direktorat Reserse Narkoba Polda Jambi") and a region after an acronym ("Dinas X (DX) Jawa Tengah").
 */
function organizerName(run: ArticleRun, h: { start: number; end: number; name: string }): string {
  const text = run.text;
  let name = h.name;
  const unit = SUB_UNIT_BEFORE_RE.exec(text.slice(Math.max(0, h.start - 80), h.start));
  if (unit) name = `${unit[1]} ${name}`;
  const rg = /^\s*(?:\([^)]{1,20}\)\s*)?((?:Provinsi\s+|Kabupaten\s+|Kota\s+)?\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?)/u.exec(text.slice(h.end, h.end + 60));
  if (rg) {
    const words = rg[1].split(' ');
    for (let n = words.length; n >= 1; n--) {
      const r = run.x.regions.lookup(words.slice(0, n).join(' ').replace(/^(?:Provinsi|Kabupaten|Kota)\s+/, ''));
      if (r && !name.includes(r.name)) { name = `${name} ${words.slice(0, n).join(' ')}`; break; }
    }
  }
  return name;
}
const SUB_UNIT_BEFORE_RE = /((?:Direktorat|Subdirektorat|Biro|Bidang|Bagian|Satuan|Seksi|Unit|Subdit|Sat)(?:\s+\p{Lu}[\p{L}.-]*){1,5})\s+$/u;

/** The event's venue from its sentences: a known venue head, else "di <Capitalised place>" that is not a bare region. */
function venueOf(run: ArticleRun, sentences: Sentence[], allowKe: boolean): { name: string; city: string | null } | null {
  const vs = run.findVenues();
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const v = vs.find((x) => x.start >= s.start && x.start < s.end);
    if (v) return { name: v.name, city: asCity(v.city) ?? cityAfter(run, v.start + v.name.length) };
  }
  const text = run.text;
  for (let j = 0; j < sentences.length; j++) {
    const s = sentences[j];
    const st = text.slice(s.start, s.end);
    for (let k = 0, list = execAll(GENERIC_VENUE_RE, st); k < list.length; k++) {
      const m = list[k];
      if (/^ke\s/.test(m[0]) && !allowKe) continue;
      // Scraped text glues words where links were removed ("Barat.Kegiatan", "SekretariatDinas"): the name stops there.
      let name = m[1].replace(/\.(?=\p{L}|\s).*$/u, '').replace(/\s*\S*\p{Ll}{2}\p{Lu}.*$/u, '').replace(/[\s,.]+$/, '');
      // An event's own name after "di" ("di HUT Kabupaten") is an occasion, not a place.
      if (!name || NOT_VENUE_RE.test(name) || startsWithEventWord(name)) continue;
      name = name.replace(/\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Pada|Yang|Ini|Kecamatan|Kabupaten|Provinsi)\b.*$/u, '');
      const words = name.split(/\s+/);
      if (words.length < 2 && !/^(?:ruang|aula|gedung|halaman|kantor|lapangan|pendopo|balai)$/i.test(words[0])) {
        // One capitalised word: an institution's acronym office ("di Mapolsek X" has two) or a region; neither is a venue alone.
        continue;
      }
      if (run.x.regions.lookup(name) || /^(?:Kabupaten|Kota|Provinsi|Kecamatan|Desa|Kelurahan|Kab\.)\s/u.test(name) || WEEKDAY_OR_MONTH_RE.test(words[0])) continue;
      if (run.x.regions.lookup(words.slice(0, 2).join(' ')) && words.length <= 3) continue;
      let city: string | null = null;
      const after = /^\s*,\s*((?:Kota |Kabupaten )?\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?)/u.exec(st.slice(m.index! + m[0].length));
      const r = after ? run.x.regions.lookup(after[1].replace(/^(?:Kota|Kabupaten) /, '')) ?? run.x.regions.lookup(after[1]) : null;
      city = asCity(r) ?? asCity(run.trailingRegion(name)?.region);
      return { name, city };
    }
  }
  return null;
}
const BUILDING_RE = /^(?:kantor|gedung|balai|aula|pasar|jembatan|jalan|masjid|sekolah|puskesmas|rumah sakit|RSUD|pos|taman|stadion|GOR|terminal|pelabuhan|bandara|pabrik|kampus|asrama|rusun|perpustakaan|museum)\b/iu;
const VENUE_LATER_RE = /\b(?:dipusatkan|bertempat|berlokasi|berpusat)\s+di\s+(\p{Lu}[\p{L}\d'’&-]*(?:\s+(?:\p{Lu}[\p{L}\d'’&.-]*|\d+))*)|\b(?:dimulai|start|berangkat|dilepas)\s+dari\s+(?:halaman\s+)?(\p{Lu}[\p{L}\d'’&-]*(?:\s+(?:\p{Lu}[\p{L}\d'’&.-]*|\d+))*)/u;
function startsWithEventWord(name: string): boolean {
  const w = name.toLowerCase().split(/\s+/);
  return EVENT_BY_FORM.has(w[0]) || (w.length > 1 && EVENT_BY_FORM.has(`${w[0]} ${w[1]}`));
}
/** Idioms and wide areas read after "di" that are no venue ("di Tanah Air", "di Eropa"). */
const NOT_VENUE_RE = /^(?:Tanah Air|Asia|Eropa|Afrika|Timur Tengah|Indonesia|Nusantara|Amerika|Australia|Tiongkok|China|Jepang|Korea|Piala|Liga|Timnas|Media Sosial|Instagram|YouTube|TikTok|Twitter|Facebook)\b/u;
const GENERIC_VENUE_RE = /(?<![\p{L}])(?:di|bertempat di|ke)\s+((?:(?:ruang|aula|gedung|halaman|kantor|lapangan|pendopo|balai)\s+)?\p{Lu}[\p{L}\d'’&-]*(?:\s+(?:\p{Lu}[\p{L}\d'’&.-]*|\d+|[IVX]+|lantai \d+|dan|de))*)/gu;

/** A reported number of participants ("198 peserta", "diikuti 35 siswa"); "ribuan warga" has no number. */
function countIn(p: string): number | null {
  COUNT_VERB_RE.lastIndex = 0;
  const v = COUNT_VERB_RE.exec(p);
  COUNT_RE.lastIndex = 0;
  for (let m = COUNT_RE.exec(p); m; m = COUNT_RE.exec(p)) {
    if (v && v.index < m.index) break;
    if (NOT_COUNT_BEFORE_RE.test(p.slice(Math.max(0, m.index - 24), m.index))) continue;
    const n = Number(m[1].replace(/\./g, ''));
    if (n >= 2) return n;
  }
  if (v) { const n = Number(v[1].replace(/\./g, '')); if (n >= 2) return n; }
  return null;
}

/**
 * Participants from the event's discourse: explicit roles (opened, chaired, spoke at, attended, attendee lists) first;
 * a person quoted there and with no other role spoke at it. Represented persons ("diwakili", "mewakili X") are left out.
 */
function rolesIn(run: ArticleRun, scope: Sentence[], eventSentences: Sentence[], quotes: Array<{ speaker: string | null; start: number; end: number }>, quoted: (pos: number) => boolean): XParticipant[] {
  const rank = ROLE_RANK;
  const roles = new Map<string, ParticipationRole>();
  const weak = new Set<string>();
  const excluded = new Set<string>();
  const present = new Set<string>();
  const text = run.text;
  const set = (name: string, role: ParticipationRole) => { const cur = roles.get(name); if (!cur || rank[role] > rank[cur]) roles.set(name, role); };
  // Scope sentences are sorted by start: a binary search answers whether a position lies in one.
  const inScope = (pos: number) => {
    let lo = 0, hi = scope.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (scope[mid].end <= pos) lo = mid + 1; else hi = mid; }
    return lo < scope.length && scope[lo].start <= pos;
  };
  const spans = scope.flatMap((x) => run.spansWithin(x.start, x.end));
  // Attendee lists: every person after the cue up to the sentence end.
  const listEnds: Array<[number, number]> = [];
  for (let i = 0; i < scope.length; i++) {
    const x = scope[i];
    const st = text.slice(x.start, x.end);
    LIST_CUE_RE.lastIndex = 0;
    for (let m = LIST_CUE_RE.exec(st); m; m = LIST_CUE_RE.exec(st)) {
      const from = x.start + m.index + m[0].length;
      const rest = st.slice(m.index + m[0].length);
      const stop = rest.search(/[.!?](?:\s|$)|["“”]/);
      listEnds.push([from, from + (stop < 0 ? rest.length : stop)]);
    }
  }
  for (let i = 0; i < spans.length; i++) {
    const sp = spans[i];
    if (quoted(sp.start)) continue;
    const name = sp.acc.name;
    const before = text.slice(Math.max(0, sp.start - 40), sp.start);
    const sentenceEnd = text.slice(sp.end).search(/[.!?](\s|$)/);
    const after = text.slice(sp.end, sp.end + (sentenceEnd < 0 ? 120 : Math.min(sentenceEnd, 120)));
    const spanText = text.slice(sp.start, sp.end);
    const untitled = text.slice(Math.max(0, sp.start - 100), sp.start).replace(TITLE_TAIL_RE, '');
    if (REPRESENTED_AFTER_RE.test(after) || REPRESENTED_BEFORE_RE.test(before)) { excluded.add(name); continue; }
    let role: ParticipationRole | null = null;
    if (COMMITTEE_RE.test(spanText) || COMMITTEE_RE.test(text.slice(Math.max(0, sp.start - 80), sp.start))) role = ParticipationRole.ORGANIZER;
    else if (OPENER_BEFORE_RE.test(before) || OPENER_BEFORE_RE.test(untitled) || OPENER_AFTER_RE.test(after)) role = ParticipationRole.OPENER;
    else if (PRESIDING_RE.test(spanText) || HOST_BEFORE_RE.test(before) || HOST_BEFORE_RE.test(untitled) || HOST_AFTER_RE.test(after)) role = ParticipationRole.HOST;
    else if (EXPLICIT_SPEAKER_AFTER_RE.test(after) || EXPLICIT_SPEAKER_BEFORE_RE.test(before) || EXPLICIT_SPEAKER_BEFORE_RE.test(untitled)) role = ParticipationRole.SPEAKER;
    else if (ATTEND_AFTER_RE.test(after) || ATTEND_BEFORE_RE.test(before) || ATTEND_BEFORE_RE.test(untitled) || listEnds.some(([a, b]) => sp.start >= a && sp.start < b)) role = ParticipationRole.ATTENDEE;
    // The subject of the event's own sentence ("X melakukan kunjungan kerja", "X menandatangani …") took part, not one
    // whom it appointed or dismissed.
    else if (eventSentences.some((s) => sp.start >= s.start && sp.end <= s.end) && !(AS_AFTER_RE.test(after) && DECIDED_BEFORE_RE.test(text.slice(Math.max(sentenceStart(text, sp.start), sp.start - 240), sp.start)))) role = ParticipationRole.ATTENDEE;
    if (role) { set(name, role); continue; }
    const prefix = text.slice(Math.max(sentenceStart(text, sp.start), sp.start - 160), sp.start);
    if (SPEECH_AFTER_RE.test(after) || SPEECH_BEFORE_RE.test(prefix)) {
      present.add(name);
      if (!STATEMENT_ELSEWHERE_RE.test(after) && !STATEMENT_ELSEWHERE_RE.test(prefix)) weak.add(name);
      continue;
    }
    if (!OBJECT_BEFORE_RE.test(prefix)) present.add(name);
  }
  // A quote's speaker spoke at the event when the text also names them there other than as someone talked about.
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    if (!q.speaker || !inScope(q.start) || !present.has(q.speaker)) continue;
    const tail = text.slice(q.end, q.end + 160);
    const stop = tail.search(/[.!?](?:\s|$)/);
    if (!STATEMENT_ELSEWHERE_RE.test(stop < 0 ? tail : tail.slice(0, stop))) weak.add(q.speaker);
  }
  for (const n of weak) if (!roles.has(n) && !excluded.has(n)) roles.set(n, ParticipationRole.SPEAKER);
  return [...roles.entries()].map(([person, role]) => ({ person, role }));
}

/** Which role a person keeps when the text gives several. */
const ROLE_RANK: Record<ParticipationRole, number> = { ORGANIZER: 5, OPENER: 4, HOST: 3, SPEAKER: 2, ATTENDEE: 1 };

/** Titles written before a person's name ("Kadistan", "Bupati Lamongan") → that person; a title used for two is dropped. */
function titlesOf(run: ArticleRun): Map<string, string> {
  const out = new Map<string, string>();
  const text = run.text;
  for (let k = 0, items = run.personSpans; k < items.length; k++) {
    const sp = items[k];
    if (!sp.titled) continue;
    const spanText = text.slice(sp.start, sp.end);
    const form = [sp.acc.name, ...sp.acc.forms].filter((f) => spanText.endsWith(f)).sort((a, b) => b.length - a.length)[0];
    if (!form) continue;
    const title = spanText.slice(0, spanText.length - form.length).replace(/[\s,]+$/, '');
    // "Kepala Dinas Pertanian (Kadistan)": the short form in brackets stands for the person too.
    const short = /\(([^()]{3,20})\)$/.exec(title);
    for (let i = 0, list = short ? [title.replace(/\s*\([^()]*\)$/, ''), short[1]] : [title]; i < list.length; i++) {
      const t = list[i];
      if (t.length < 4 || t.length > 60 || !/^\p{Lu}/u.test(t)) continue;
      const cur = out.get(t);
      out.set(t, cur === undefined || cur === sp.acc.name ? sp.acc.name : '');
    }
  }
  for (const [t, n] of out) if (!n) out.delete(t);
  return out;
}

/** Roles of persons referred to by title alone as the subject of the event's own sentences. */
function titleSubjects(run: ArticleRun, sentences: Sentence[], quoted: (pos: number) => boolean, titles: Map<string, string>): Array<[string, ParticipationRole]> {
  const out: Array<[string, ParticipationRole]> = [];
  if (titles.size === 0) return out;
  const text = run.text;
  for (let i = 0; i < sentences.length; i++) {
    const x = sentences[i];
    const st = text.slice(x.start, x.end);
    for (const [title, name] of titles) {
      let at = st.indexOf(title);
      while (at >= 0) {
        const pos = x.start + at;
        const next = st.charAt(at + title.length);
        const covered = run.spansWithin(Math.max(0, pos - 80), pos + title.length + 80).some((sp) => pos >= sp.start && pos < sp.end);
        if (!covered && !quoted(pos) && !/[\p{L}\d]/u.test(next)) {
          const after = st.slice(at + title.length).replace(/^\s*(?:(?:beserta|bersama|dan)\s+rombongan(?:nya)?|\(\w+\))\s*/u, ' ');
          const role = OPENER_AFTER_RE.test(after) ? ParticipationRole.OPENER : HOST_AFTER_RE.test(after) ? ParticipationRole.HOST
            : ATTEND_AFTER_RE.test(after.replace(/^\s*kemudian\s+/, ' ')) ? ParticipationRole.ATTENDEE : null;
          if (role) { out.push([name, role]); break; }
        }
        at = st.indexOf(title, at + 1);
      }
    }
  }
  return out;
}

function sentenceStart(text: string, pos: number): number {
  const from = Math.max(0, pos - 300);
  for (let k = pos - 1; k >= from; k--) { const c = text.charCodeAt(k); if (c === 46 || c === 33 || c === 63 || c === 10) return k + 1; }
  return from;
}

function compatibleNames(a: string, b: string, keys: Map<string, string>): boolean {
  const key = (s: string) => { let k = keys.get(s); if (k === undefined) keys.set(s, (k = nameKey(s))); return k; };
  const x = key(a), y = key(b);
  if (x.startsWith(y) || y.startsWith(x)) return true;
  // "Hari Ulang Tahun ke-25 Kota Batu" inside "Malam Puncak Hari Ulang Tahun ke-25 Kota Batu": one event.
  const tx = x.split(' '), ty = y.split(' ');
  const [small, big] = tx.length <= ty.length ? [tx, new Set(ty)] : [ty, new Set(tx)];
  return small.length >= 3 && small.every((t) => big.has(t));
}

/**
 * Whether two names of one kind end in the same destination ("Kunjungan kenegaraan ke Singapura", "Kunjungan Presiden X
 * ke Singapura"): one article's visit to one place, named twice.
 */
function sameDestination(a: string, b: string): boolean {
  const da = DESTINATION_RE.exec(a)?.[1], db = DESTINATION_RE.exec(b)?.[1];
  const bare = (d: string) => nameKey(d.replace(/^(?:Kabupaten|Kota|Provinsi|Kab\.)\s+/, ''));
  return !!da && !!db && bare(da) === bare(db);
}
const DESTINATION_RE = /\bke\s+(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3})$/u;

/** The first word of a phrase, lower case. */
function headWord(s: string): string { return s.trimStart().split(/\s+/, 1)[0].toLowerCase(); }

/** The city written right after a venue, as in "di Gedung X, Kota Y," or "di Hotel X, Y,"; a province is no city. */
function cityAfter(run: ArticleRun, end: number): string | null {
  const m = /^,\s*(?:Kabupaten\s+|Kota\s+)?(\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?)(?=[\s,.;)])/u.exec(run.text.slice(end, end + 40));
  if (!m) return null;
  const r = run.x.regions.lookup(m[1]) ?? run.x.regions.lookup(m[1].split(' ')[0]);
  return asCity(r);
}

/** The official code of the capital's province, which is one city: "di Jakarta" names the event's city. */
const CAPITAL_PROVINCE_CODE = '31';

/** A region as an event's city: a province is none, except the capital's. */
function asCity(r: Region | null | undefined): string | null {
  if (!r) return null;
  if (r.kind !== PlaceKind.PROVINCE) return r.name;
  return r.code === CAPITAL_PROVINCE_CODE ? 'Jakarta' : null;
}
