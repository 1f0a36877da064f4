import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars';
import { Node } from './node.type';
import type { Institution } from './institution.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A title held at an institution over a period, with its evidence' })
export class Position extends Node {
  dbId: number;
  @Field() title: string;
  @Field(() => DateScalar, { nullable: true }) validFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  personId: number;
  institutionId: number | null;
  evidenceArticleId: number | null;
  /** Folded into the position's own query when it is loaded with its institution. */
  institution?: Institution | null;
}
