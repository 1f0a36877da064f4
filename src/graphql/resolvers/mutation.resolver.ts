import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ReviewStatus } from '../enums';
import { badInput } from '../errors';
import { dbId } from '../arguments';
import { AddParticipationInput, AddPositionInput, IngestArticleInput, UpdateEventInput } from '../inputs';
import { Event, IngestPayload, Institution, Mention, Participation, Person, Position } from '../types';
import { SplitPersonPayload } from '../types';
import { toMention, toParticipation, toPosition } from '../read/rows';
import { ApiRole } from '../../entities/enums';
import { ParsedArticle, ParseError, parseRecord, parseText } from '../../ingest/parse';

@Resolver()
export class MutationResolver {
  @Authorized(ApiRole.EDITOR)
  @Mutation(() => IngestPayload, { description: 'Ingest one article (raw text or fields); re-ingesting the same article changes nothing' })
  async ingestArticle(@Ctx() ctx: Context, @Arg('input', () => IngestArticleInput) input: IngestArticleInput) {
    let parsed: ParsedArticle;
    try {
      if (input.text != null) {
        if (input.title != null || input.body != null) throw badInput('input.text', 'give either text or title and body, not both');
        parsed = parseText(input.text, 'mutation');
        if (input.url) parsed.sourceUrl = new URL(input.url).toString();
      } else {
        if (input.title == null) throw badInput('input.title', 'is required without text');
        if (input.body == null) throw badInput('input.body', 'is required without text');
        parsed = parseRecord({ title: input.title, body: input.body, url: input.url, outlet: input.outlet, section: input.section, publishedAt: input.publishedAt }, 'mutation');
      }
      const r = await ctx.ingest.ingest(parsed);
      return { status: r.status.toUpperCase(), article: await ctx.loaders.article.load(r.articleId), created: r.created, linked: r.linked };
    } catch (e) {
      if (e instanceof ParseError) throw badInput(`input.${e.field ?? 'text'}`, e.message);
      throw e;
    }
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Mention, { description: 'Confirm or reject an extracted mention' })
  async reviewMention(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('status', () => ReviewStatus) status: ReviewStatus) {
    const n = await ctx.editor.reviewMention(await dbId(ctx.catalog, id, 'id', 'Mention'), status);
    const r = await ctx.catalog.nodeRow('Mention', n);
    return r && toMention(r);
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Person, { description: 'Merge a person into another; the merged id keeps resolving to the survivor' })
  async mergePersons(@Ctx() ctx: Context, @Arg('survivorId', () => ID) survivorId: string, @Arg('mergedId', () => ID) mergedId: string) {
    const n = await ctx.editor.mergePersons(await dbId(ctx.catalog, survivorId, 'survivorId', 'Person'), await dbId(ctx.catalog, mergedId, 'mergedId', 'Person'));
    return ctx.loaders.person.load(n);
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => SplitPersonPayload, { description: 'Undo a merge (Person.merges): what it linked moves to a person of its own; the merge stays in the history, marked undone' })
  async splitPerson(@Ctx() ctx: Context, @Arg('mergeId', () => ID) mergeId: string) {
    const r = await ctx.editor.splitPerson(await dbId(ctx.catalog, mergeId, 'mergeId', 'PersonMerge'));
    return { person: await ctx.loaders.person.load(r.survivor), split: await ctx.loaders.person.load(r.split) };
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Person, { description: 'Register an alias of a person (a nickname, initials): later articles that use it resolve to the person' })
  async addPersonAlias(@Ctx() ctx: Context, @Arg('personId', () => ID) personId: string, @Arg('alias', () => String) alias: string) {
    if (!alias.trim() || alias.length > 200) throw badInput('alias', 'must be 1 to 200 characters');
    return ctx.loaders.person.load(await ctx.editor.addPersonAlias(await dbId(ctx.catalog, personId, 'personId', 'Person'), alias));
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Person, { description: 'Remove an alias of a person: later articles no longer resolve through it' })
  async removePersonAlias(@Ctx() ctx: Context, @Arg('personId', () => ID) personId: string, @Arg('alias', () => String) alias: string) {
    return ctx.loaders.person.load(await ctx.editor.removePersonAlias(await dbId(ctx.catalog, personId, 'personId', 'Person'), alias));
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Institution, { description: 'Merge an institution into another; the merged id keeps resolving to the survivor' })
  async mergeInstitutions(@Ctx() ctx: Context, @Arg('survivorId', () => ID) survivorId: string, @Arg('mergedId', () => ID) mergedId: string) {
    const n = await ctx.editor.mergeInstitutions(await dbId(ctx.catalog, survivorId, 'survivorId', 'Institution'), await dbId(ctx.catalog, mergedId, 'mergedId', 'Institution'));
    return ctx.loaders.institution.load(n);
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Event)
  async updateEvent(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateEventInput) input: UpdateEventInput) {
    const n = await ctx.editor.updateEvent(await dbId(ctx.catalog, id, 'id', 'Event'), {
      ...input,
      venue: input.venue === undefined ? undefined : input.venue === null ? null : await dbId(ctx.catalog, input.venue, 'input.venue', 'Place'),
      city: input.city === undefined ? undefined : input.city === null ? null : await dbId(ctx.catalog, input.city, 'input.city', 'Place'),
    });
    return ctx.loaders.event.load(n);
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Position)
  async addPosition(@Ctx() ctx: Context, @Arg('input', () => AddPositionInput) input: AddPositionInput) {
    const n = await ctx.editor.addPosition(await dbId(ctx.catalog, input.person, 'input.person', 'Person'), input.title.trim(), await dbId(ctx.catalog, input.institution, 'input.institution', 'Institution') ?? null,
      input.validFrom ?? null, input.validTo ?? null, await dbId(ctx.catalog, input.evidence, 'input.evidence', 'Article') ?? null);
    const r = await ctx.catalog.nodeRow('Position', n);
    return r && toPosition(r);
  }

  @Authorized(ApiRole.EDITOR)
  @Mutation(() => Participation)
  async addParticipation(@Ctx() ctx: Context, @Arg('input', () => AddParticipationInput) input: AddParticipationInput) {
    const n = await ctx.editor.addParticipation(await dbId(ctx.catalog, input.event, 'input.event', 'Event'), await dbId(ctx.catalog, input.person, 'input.person', 'Person') ?? null,
      await dbId(ctx.catalog, input.institution, 'input.institution', 'Institution') ?? null, input.role, await dbId(ctx.catalog, input.evidence, 'input.evidence', 'Article') ?? null);
    const r = await ctx.catalog.nodeRow('Participation', n);
    return r && toParticipation(r);
  }
}
