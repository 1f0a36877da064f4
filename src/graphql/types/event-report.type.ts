import { Field, Int, ObjectType } from 'type-graphql';
import { ReportPhase } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'An article reporting an event, placed in the event\'s coverage' })
export class EventReport {
  articleId: number;
  @Field(() => ReportPhase) phase: ReportPhase;
  @Field(() => Int, { nullable: true, description: 'Days between the event\'s start and publication' }) dayOffset: number | null;
}
