/**
 * The extractor: a parsed article in, the persons, institutions, places, events and quotes it mentions out.
 * Pure and synchronous once the gazetteers are built; used by `warta extract --json` and by ingest.
 * The stages run in order: cleanup and entities (entities.ts, with candidates.ts and the tagger), events and
 * participants (events.ts), quotes (quotes.ts); then every span is mapped back to the parsed body.
 */
import type { ParsedArticle } from '../parse';
import { ArticleRun, Extraction, Matchers } from './entities';
import { collectEvents } from './events';
import { collectQuotes } from './quotes';
import { loadRegions } from './regions';

export type { Extraction, Extractor, Span, XEvent, XInstitution, XParticipant, XPerson, XPlace, XPosition, XQuote, XUnresolved } from './entities';
export { kindOfInstitution } from './entities';

export class WartaExtractor extends Matchers {
  extract(a: ParsedArticle): Extraction {
    const run = new ArticleRun(this, a);
    run.collect();
    const events = collectEvents(run);
    const quotes = collectQuotes(run);
    return run.assemble(events, quotes);
  }
}

let shared: Promise<WartaExtractor> | null = null;

/** The extractor with its gazetteers built (once per process). */
export function createExtractor(): Promise<WartaExtractor> {
  shared ??= loadRegions().then((r) => new WartaExtractor(r));
  return shared;
}
