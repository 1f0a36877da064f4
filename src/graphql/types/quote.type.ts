import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A direct quote, attributed where the text allows' })
export class Quote extends Node {
  dbId: number;
  @Field() text: string;
  @Field(() => String, { nullable: true, description: 'The speaker as written' }) speakerName: string | null;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  articleId: number;
  personId: number | null;
}
