import { ObjectType } from 'type-graphql';
import { EventKind } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'Counts over events, people and institutions, under one filter' })
export class Stats {
  filter: { from?: string; to?: string; place?: number; kind?: EventKind; organizer?: number };
}
