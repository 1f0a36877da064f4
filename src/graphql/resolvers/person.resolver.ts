import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LIST_DEFAULT, listFirst, take, FirstArg } from '../lists';
import { DateScalar } from '../scalars';
import type { Context } from '../context';
import { connection, pageArgs } from '../connection';
import { toArticle } from '../read/rows';
import { ParticipationRole } from '../enums';
import { checkDate } from '../arguments';
import { AttendanceFilter } from '../inputs';
import { badInput } from '../errors';
import { attendanceIds, positionsAt } from '../filters';
import { ArticleConnection, Participation, Person, PersonAlias, PersonMerge, Position, Quote } from '../types';
import { PageArgs } from '../page.args';


@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => [String], { description: 'Other written forms of the name' })
  aliases(@Root() p: Readonly<Person>) { return p.aliasesJson ? JSON.parse(p.aliasesJson) : []; }

  @FieldResolver(() => [PersonAlias], { description: 'Why the person is known by each alias: declared in an article ("X atau Y"), added by an editor, or linked by resolution (with the article and the reason of the merge)' })
  async aliasSources(@Root() p: Readonly<Person>, @Ctx() ctx: Context) {
    const [registered, merges] = await Promise.all([ctx.loaders.aliasesByPerson.load(p.dbId), ctx.loaders.mergesByPerson.load(p.dbId)]);
    return [...registered, ...merges.filter((m) => !m.undoneAt && m.form !== p.name).map((m) => ({ alias: m.form, kind: m.method, reason: m.reason, score: m.score, articleId: m.articleId }))];
  }

  @FieldResolver(() => [PersonMerge], { description: 'Merges into this person, automatic and editors\', oldest first, undone ones included' })
  async merges(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return take(await ctx.loaders.mergesByPerson.load(p.dbId), n);
  }

  @FieldResolver(() => [Position], { description: 'Positions over time, oldest first; `at` keeps those held on that date' })
  async positions(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number, @Arg('at', () => DateScalar, { nullable: true }) at?: string) {
    const n = listFirst(first, LIST_DEFAULT);
    const d = checkDate(at, 'at');
    const all = await ctx.loaders.positionsByPerson.load(p.dbId);
    return take(d ? positionsAt(all, d) : all, n);
  }

  @FieldResolver(() => Position, { nullable: true, description: 'The most recently evidenced position' })
  currentPosition(@Root() p: Readonly<Person>, @Ctx() ctx: Context) { return p.currentPosition !== undefined ? p.currentPosition : ctx.loaders.currentPosition.load(p.dbId); }

  @FieldResolver(() => ArticleConnection, { description: 'Articles that mention the person, newest first' })
  async articles(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs) {
    const page = pageArgs(first, after, 2, last, before);
    return connection(await ctx.catalog.articles({ person: p.dbId }, page), page, toArticle);
  }

  @FieldResolver(() => [Participation], { description: 'Events taken part in, with role, by event date; `filter` as on Query.attendance' })
  async participations(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number,
    @Arg('role', () => ParticipationRole, { nullable: true }) role?: ParticipationRole,
    @Arg('filter', () => AttendanceFilter, { nullable: true }) filter?: AttendanceFilter) {
    const n = listFirst(first, LIST_DEFAULT);
    if (filter) {
      if (filter.person) throw badInput('filter.person', 'is already the person this field belongs to');
      return take(await ctx.loaders.participationsFiltered({ ...(await attendanceIds(ctx.catalog, filter)), ...(role ? { role } : {}) }).load(p.dbId), n);
    }
    const all = await ctx.loaders.participationsByPerson.load(p.dbId);
    return take(role ? all.filter((x) => x.role === role) : all, n);
  }

  @FieldResolver(() => [Quote])
  async quotes(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return take(await ctx.loaders.quotesByPerson.load(p.dbId), n);
  }
}

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Institution_, { nullable: true })
  institution(@Root() p: Readonly<Position>, @Ctx() ctx: Context) {
    if (p.institution !== undefined) return p.institution;
    return p.institutionId == null ? null : ctx.loaders.institution.load(p.institutionId);
  }
  @FieldResolver(() => Person)
  person(@Root() p: Readonly<Position>, @Ctx() ctx: Context) { return ctx.loaders.person.load(p.personId); }
  @FieldResolver(() => Article_, { nullable: true, description: 'The article that evidences the position' })
  evidence(@Root() p: Readonly<Position>, @Ctx() ctx: Context) { return p.evidenceArticleId == null ? null : ctx.loaders.article.load(p.evidenceArticleId); }
}

import { Article as Article_, Institution as Institution_ } from '../types';

@Resolver(() => PersonAlias)
export class PersonAliasResolver {
  @FieldResolver(() => Article_, { nullable: true, description: 'The article the alias was learnt from' })
  sourceArticle(@Root() a: Readonly<PersonAlias>, @Ctx() ctx: Context) { return a.articleId == null ? null : ctx.loaders.article.load(a.articleId); }
}

@Resolver(() => PersonMerge)
export class PersonMergeResolver {
  @FieldResolver(() => Article_, { nullable: true, description: 'The article whose name was linked (automatic merges)' })
  article(@Root() m: Readonly<PersonMerge>, @Ctx() ctx: Context) { return m.articleId == null ? null : ctx.loaders.article.load(m.articleId); }
  @FieldResolver(() => Person, { nullable: true, description: 'The person merged in (editors\' merges)' })
  mergedPerson(@Root() m: Readonly<PersonMerge>, @Ctx() ctx: Context) { return m.mergedPersonId == null ? null : ctx.loaders.person.load(m.mergedPersonId); }
  @FieldResolver(() => Person, { nullable: true, description: 'The person split off when the merge was undone' })
  splitInto(@Root() m: Readonly<PersonMerge>, @Ctx() ctx: Context) { return m.splitPersonId == null ? null : ctx.loaders.person.load(m.splitPersonId); }
}
