import { Field, ObjectType } from 'type-graphql';
import { Article } from './article.type';
import { IngestCounts } from './ingest-counts.type';

@ObjectType({ simpleResolvers: true, description: 'The result of ingesting one article' })
export class IngestPayload {
  @Field({ description: 'NEW when stored now, UNCHANGED when the same article was already there, REEXTRACTED when an older extraction or older content of it was replayed' }) status: string;
  @Field(() => Article) article: Article;
  @Field(() => IngestCounts) created: IngestCounts;
  @Field(() => IngestCounts) linked: IngestCounts;
}
