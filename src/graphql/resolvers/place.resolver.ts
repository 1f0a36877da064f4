import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { connection, pageArgs } from '../connection';
import { toEvent } from '../read/rows';
import { EventConnection, Place } from '../types';
import { PageArgs } from '../page.args';

@Resolver(() => Place)
export class PlaceResolver {
  @FieldResolver(() => Place, { nullable: true, description: 'The province of a regency, the city of a venue' })
  parent(@Root() p: Readonly<Place>, @Ctx() ctx: Context) { return p.parentId == null ? null : ctx.loaders.place.load(p.parentId); }

  @FieldResolver(() => EventConnection, { description: 'Events held here (as venue or city, or in a city of this province)' })
  async events(@Root() p: Readonly<Place>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs) {
    const page = pageArgs(first, after, 2, last, before);
    return connection(await ctx.catalog.events({ place: p.dbId }, page), page, toEvent);
  }
}
