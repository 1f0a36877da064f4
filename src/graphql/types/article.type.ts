import { Field, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../scalars';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A news article' })
export class Article extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) section: string | null;
  @Field(() => String, { nullable: true }) outlet: string | null;
  @Field(() => String, { nullable: true, description: 'Where the story was filed ("Sidoarjo")' }) dateline: string | null;
  @Field(() => String, { nullable: true }) byline: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Publication date' }) publishedOn: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Publication time, where the source gives it' }) publishedAt: string | null;
  @Field() language: string;
  @Field(() => String, { nullable: true }) sourceUrl: string | null;
  body?: string;
  related?: string;
}
