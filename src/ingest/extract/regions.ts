/** Official Indonesian regions (provinces, kabupaten, kota, and the names of their districts) from the idn-area-data package. */
import fs from 'node:fs';
import path from 'node:path';
import { PlaceKind } from '../../entities/enums';
import { PROVINCE_SHORT, REGENCY_SHORT } from './gazetteer';

export interface Region {
  /** Official name without the Kabupaten/Kota prefix for regencies and cities ("Sidoarjo"). */
  name: string;
  /** Official full name ("Kabupaten Sidoarjo", "Jawa Timur"). */
  officialName: string;
  kind: PlaceKind.PROVINCE | PlaceKind.REGENCY | PlaceKind.CITY;
  code: string;
  provinceCode: string | null;
}

export class RegionIndex {
  readonly provinces: Region[] = [];
  readonly byCode = new Map<string, Region>();
  /** surface form → candidates (a kabupaten and a kota can share a name: Malang, Bogor…). */
  readonly bySurface = new Map<string, Region[]>();
  /** District names (kecamatan, lower case) by the code of their kabupaten or kota. */
  readonly districts = new Map<string, Set<string>>();

  add(r: Region, ...surfaces: string[]): void {
    this.byCode.set(r.code, r);
    if (r.kind === PlaceKind.PROVINCE && !this.provinces.includes(r)) this.provinces.push(r);
    for (const s of surfaces) {
      const list = this.bySurface.get(s) ?? [];
      if (!list.includes(r)) list.push(r);
      this.bySurface.set(s, list);
    }
  }

  /** The region a bare name denotes: the province if one has the name, else the kabupaten before the kota. */
  lookup(surface: string, prefer?: PlaceKind): Region | null {
    const list = this.bySurface.get(surface);
    if (!list || list.length === 0) return null;
    // Most surfaces name one region, which every rule below returns.
    if (list.length === 1) return list[0];
    if (prefer) { const p = list.find((r) => r.kind === prefer); if (p) return p; }
    return list.find((r) => r.kind === PlaceKind.PROVINCE) ?? list.find((r) => r.kind === PlaceKind.REGENCY) ?? list[0];
  }

  province(code: string | null): Region | null { return code ? this.byCode.get(code) ?? null : null; }

  /** Every surface form, longest first (for building matchers). */
  surfaces(): string[] { return [...this.bySurface.keys()].sort((a, b) => b.length - a.length); }
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/**
 * The package's own CSV files (code,name / code,province_code,name; no quoting). Read directly because the
 * package's loader is ESM-only and the CommonJS build and Jest cannot load it synchronously.
 */
function readCsv(file: string): Array<Record<string, string>> {
  const dir = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
  const [head, ...lines] = fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = head.split(',');
  return lines.map((l) => { const v = l.split(','); return Object.fromEntries(cols.map((c, i) => [c, v[i]])); });
}
const getProvinces = async () => readCsv('provinces.csv') as Array<{ code: string; name: string }>;
const getRegencies = async () => readCsv('regencies.csv') as Array<{ code: string; name: string; province_code: string }>;

let cached: Promise<RegionIndex> | null = null;

export function loadRegions(): Promise<RegionIndex> {
  cached ??= (async () => {
    const idx = new RegionIndex();
    const provinces = await getProvinces();
    for (const p of provinces) {
      const name = titleCase(p.name).replace(/^Dki /, 'DKI ');
      const r: Region = { name, officialName: name, kind: PlaceKind.PROVINCE, code: p.code, provinceCode: null };
      idx.add(r, name);
    }
    for (const [short, full] of Object.entries(PROVINCE_SHORT)) {
      const r = provinces.find((p) => titleCase(p.name) === full || p.name === full);
      if (r) idx.add(idx.byCode.get(r.code)!, short);
    }
    const regencies = await getRegencies();
    for (const g of regencies) {
      const official = titleCase(g.name);
      const isCity = /^Kota /.test(official);
      const bare = official.replace(/^(Kabupaten|Kota)\s+(Administrasi\s+)?/, '');
      const r: Region = { name: bare, officialName: official, kind: isCity ? PlaceKind.CITY : PlaceKind.REGENCY, code: g.code, provinceCode: g.province_code };
      // "Karo" is also the abbreviation of Kepala Biro; it is found only with its prefix.
      const surfaces = [official, (isCity ? 'Kota ' : 'Kabupaten ') + bare, isCity ? `Kota ${bare}` : `Kab. ${bare}`];
      if (bare !== 'Karo') surfaces.push(bare);
      idx.add(r, ...surfaces);
    }
    for (const d of readCsv('districts.csv') as Array<{ code: string; regency_code: string; name: string }>) {
      let set = idx.districts.get(d.regency_code);
      if (!set) idx.districts.set(d.regency_code, (set = new Set()));
      set.add(d.name.toLowerCase());
    }
    for (const [short, [bare, kind]] of Object.entries(REGENCY_SHORT)) {
      const r = regencies.map((g) => idx.byCode.get(g.code)!).find((x) => x.name.toLowerCase() === bare.toLowerCase() && x.kind === kind);
      if (r) idx.add(r, short);
    }
    return idx;
  })();
  return cached;
}
