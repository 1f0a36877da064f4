/**
 * Public nicknames and initialisms of Indonesian public figures that the press uses without ever spelling out the
 * full name. Kept small and factual: each is the name by which the person is widely known, as stated in the person's
 * Indonesian Wikipedia article (id.wikipedia.org, the page named by the full name). A nickname here only ever links
 * to a person already stored under the full name; it never creates one. Nicknames an article declares itself
 * ("X atau Y", "X (Y)") are learnt into the alias registry instead (see the registry in persist/persons.ts).
 */
import { personKey } from '../../text/normalize';

const LIST: Array<[nickname: string, fullName: string]> = [
  ['Jokowi', 'Joko Widodo'],
  ['SBY', 'Susilo Bambang Yudhoyono'],
  ['AHY', 'Agus Harimurti Yudhoyono'],
  ['Gus Dur', 'Abdurrahman Wahid'],
  ['Gus Ipul', 'Saifullah Yusuf'],
  ['Cak Imin', 'Muhaimin Iskandar'],
  ['Ahok', 'Basuki Tjahaja Purnama'],
  ['Mualem', 'Muzakir Manaf'],
  ['Zulhas', 'Zulkifli Hasan'],
  ['Kang Emil', 'Ridwan Kamil'],
  ['Bang Ara', 'Maruarar Sirait'],
  ['Bro Ron', 'Ronald Aristone Sinaga'],
];

/** Full-name keys by nickname key. */
export const CURATED_NICKNAMES: ReadonlyMap<string, string> = new Map(LIST.map(([n, f]) => [personKey(n), personKey(f)]));
