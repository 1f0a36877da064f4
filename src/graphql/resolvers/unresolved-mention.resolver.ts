import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Person, UnresolvedMention } from '../types';

@Resolver(() => UnresolvedMention)
export class UnresolvedMentionResolver {
  @FieldResolver(() => [Person], { description: 'The people the short name could be' })
  async candidates(@Root() u: Readonly<UnresolvedMention>, @Ctx() ctx: Context) {
    return (await ctx.loaders.person.loadMany(u.candidateIds)).filter((p): p is Person => !!p && !(p instanceof Error));
  }
}
