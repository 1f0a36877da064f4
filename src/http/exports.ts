/**
 * GET /exports/<name>.<csv|jsonl>?<filters>: the analysts' exports over HTTP, streamed, behind an API key with the
 * analyst role or above (checked by the access middleware mounted on /exports). Filters are the GraphQL ones (global ids or slugs).
 */
import express from 'express';
import { pipeline } from 'node:stream/promises';
import { fromGlobalId } from '../graphql/ids';
import { CatalogService } from '../services/catalog.service';
import { EXPORT_NAMES, ExportFilterError, ExportFormat, ExportName, exportStream, resolveExportFilter } from '../services/export.service';
import { Db } from '../db/database';

const TYPE: Record<string, 'Person' | 'Institution' | 'Event' | 'Place'> = { person: 'Person', institution: 'Institution', event: 'Event', place: 'Place' };

/** A global id of the right type, or a slug (for places also a bare name: see placeByBareName); merged records resolve to their survivor. */
export function idOrSlug(catalog: CatalogService) {
  return async (table: 'person' | 'institution' | 'event' | 'place', v: string): Promise<number | null> => {
    const g = fromGlobalId(v);
    if (g && g.type === TYPE[table]) {
      if (g.slug != null) return catalog.idBySlug(table, g.slug);
      const exists = await catalog.survivor(table, g.id!);
      return (await catalog.nodeExists(table, exists)) ? exists : null;
    }
    const id = await catalog.idBySlug(table, v);
    return id == null && table === 'place' ? catalog.placeByBareName(v) : id;
  };
}

export function exportsRouter(db: Db, catalog: CatalogService): express.Router {
  const r = express.Router();
  r.get('/exports/:file', async (req, res, next) => {
    try {
      const m = /^([a-z]+)\.(csv|jsonl)$/.exec(req.params.file);
      if (!m || !EXPORT_NAMES.includes(m[1] as ExportName)) {
        res.status(404).json({ error: `no such export; exports are ${EXPORT_NAMES.map((n) => `${n}.csv|jsonl`).join(', ')}` });
        return;
      }
      const raw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.query)) raw[k] = v;
      let filter;
      try { filter = await resolveExportFilter(raw, idOrSlug(catalog)); } catch (e) {
        if (e instanceof ExportFilterError) { res.status(400).json({ error: e.message, field: e.field }); return; }
        throw e;
      }
      const [name, format] = [m[1] as ExportName, m[2] as ExportFormat];
      res.status(200).set({
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="warta-${name}.${format}"`,
        'Cache-Control': 'no-store',
      });
      await pipeline(exportStream(db, name, format, filter), res);
    } catch (e) {
      if (res.headersSent) { res.destroy(e as Error); return; }
      next(e);
    }
  });
  return r;
}
