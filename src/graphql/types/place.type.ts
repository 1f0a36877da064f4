import { Field, ObjectType } from 'type-graphql';
import { PlaceKind } from '../enums';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A place: region with its official code, venue, or foreign place' })
export class Place extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => PlaceKind) kind: PlaceKind;
  @Field(() => String, { nullable: true, description: 'Official Indonesian region code, where one exists' }) code: string | null;
  parentId: number | null;
}
