import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.type';
import type { Position } from './position.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person: an official or anyone else the news names' })
export class Person extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  aliasesJson?: string;
  /** Folded into a list's own query when the list carries it. */
  currentPosition?: Position | null;
}
