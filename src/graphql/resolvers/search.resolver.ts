
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { offsetWindow, pageArgs, toConnection } from '../connection';
import { SearchKind } from '../enums';
import { badInput } from '../errors';
import { Node, SearchHit, SearchHitConnection } from '../types';
import { MARK_CLOSE, MARK_OPEN, MIN_PREFIX, queryTokens, SEARCH_KINDS } from '../../search/search.service';
import { PageArgs } from '../page.args';
import { escapeHtml } from '../../html';


/** Stored text is escaped first; only the highlight markers become markup. */
export function highlightHtml(s: string): string {
  return escapeHtml(s).replaceAll(MARK_OPEN, '<mark>').replaceAll(MARK_CLOSE, '</mark>');
}

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => SearchHitConnection, { description: 'Search across articles, events, people, institutions and places; best first. Case and accents are ignored; aliases and acronyms count' })
  async search(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs,
    @Arg('query', () => String) query: string,
    @Arg('kinds', () => [SearchKind], { nullable: true, description: 'Only these kinds (default: all)' }) kinds?: SearchKind[]) {
    if (query.length > 200) throw badInput('query', 'must be at most 200 characters');
    const tokens = queryTokens(query);
    if (!tokens.length) throw badInput('query', 'needs at least one letter or digit');
    // Short words are matched whole; a query of nothing but one-letter words would still touch most documents.
    if (!tokens.some((t) => t.length >= MIN_PREFIX)) throw badInput('query', `needs a word of at least ${MIN_PREFIX} letters or digits`);
    const page = pageArgs(first, after, 1, last, before);
    const ks = kinds?.length ? [...new Set(kinds)] : SEARCH_KINDS;
    const count = () => ctx.search.count(query, ks);
    const { offset, limit } = await offsetWindow(page, count);
    const hits = limit === 0 ? [] : await ctx.search.search(query, ks, limit, offset);
    const rows = hits.map((h, i) => ({ kind: h.kind as SearchKind, entityId: h.id, title: highlightHtml(h.title), snippet: highlightHtml(h.snippet), score: h.score, pos: offset + i + 1 }));
    return toConnection(page.backward ? rows.reverse() : rows, page, (r) => [r.pos], (r) => r, count);
  }

  @FieldResolver(() => Node, { description: 'The article, event, person, institution or place' })
  node(@Root() h: Readonly<SearchHit>, @Ctx() ctx: Context) {
    switch (h.kind) {
      case SearchKind.ARTICLE: return ctx.loaders.article.load(h.entityId);
      case SearchKind.EVENT: return ctx.loaders.event.load(h.entityId);
      case SearchKind.PERSON: return ctx.loaders.person.load(h.entityId);
      case SearchKind.INSTITUTION: return ctx.loaders.institution.load(h.entityId);
      default: return ctx.loaders.place.load(h.entityId);
    }
  }
}
