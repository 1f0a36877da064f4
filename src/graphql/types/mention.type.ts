import { Field, Float, Int, ObjectType } from 'type-graphql';
import { EntityType, ReviewStatus } from '../enums';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A span of an article that names an entity' })
export class Mention extends Node {
  dbId: number;
  @Field(() => EntityType) entityType: EntityType;
  @Field(() => Int, { description: 'Start offset in the article body' }) start: number;
  @Field(() => Int, { description: 'End offset (exclusive) in the article body' }) end: number;
  @Field() text: string;
  @Field(() => Float) confidence: number;
  @Field() extractorVersion: string;
  @Field(() => ReviewStatus) status: ReviewStatus;
  articleId: number;
  entityId: number;
}
