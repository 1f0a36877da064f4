/** Builds the schema from the resolvers (once per process) and prints it for schema.graphql. */
import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AuthChecker, buildSchema } from 'type-graphql';
import { roleAtLeast } from '../services/api-key.service';
import { ApiRole } from '../entities/enums';
import { forbidden, unauthenticated } from './errors';
import type { Context } from './context';
import { QueryResolver } from '../resolvers/query.resolver';
import { ArticleResolver } from '../resolvers/article.resolver';
import { PersonResolver, PositionResolver } from '../resolvers/person.resolver';
import { InstitutionResolver } from '../resolvers/institution.resolver';
import { PlaceResolver } from '../resolvers/place.resolver';
import { EventResolver, ParticipationResolver } from '../resolvers/event.resolver';
import { MentionResolver, QuoteResolver } from '../resolvers/mention.resolver';
import { MutationResolver } from '../resolvers/mutation.resolver';
import { SearchResolver } from '../resolvers/search.resolver';
import { EmbedViewCountResolver, EventEmbedViewsResolver, PartnerResolver } from '../resolvers/partner.resolver';
import {
  AnalyticsQueryResolver, CoAttendeeResolver, EventAnalyticsResolver, EventReportResolver, InstitutionAnalyticsResolver,
  InstitutionPartnerResolver, PersonAnalyticsResolver, StatsResolver, TimelineItemResolver,
} from '../resolvers/analytics.resolver';
import { UnresolvedMentionResolver } from '../resolvers/unresolved-mention.resolver';
import './enums';

/** @Authorized(role): the caller's key must hold that role or a higher one. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.auth.role) throw unauthenticated('this operation needs an API key');
  const needed = (roles[0] as ApiRole | undefined) ?? ApiRole.READER;
  if (!roleAtLeast(context.auth.role, needed)) throw forbidden(`this operation needs the ${needed} role`);
  return true;
};

let built: Promise<GraphQLSchema> | null = null;

export function buildWartaSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [QueryResolver, ArticleResolver, PersonResolver, PositionResolver, InstitutionResolver, PlaceResolver, EventResolver, ParticipationResolver,
      MentionResolver, QuoteResolver, UnresolvedMentionResolver, MutationResolver, AnalyticsQueryResolver, StatsResolver,
      CoAttendeeResolver, InstitutionPartnerResolver, TimelineItemResolver, EventReportResolver,
      PersonAnalyticsResolver, InstitutionAnalyticsResolver, EventAnalyticsResolver, SearchResolver, PartnerResolver, EmbedViewCountResolver,
      EventEmbedViewsResolver],
    authChecker,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  return built;
}

export function printWartaSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
