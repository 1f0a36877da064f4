import { Field, Float, ObjectType } from 'type-graphql';
import { SearchKind } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'A search hit: the object, its title and a snippet with the matched words in <mark> (HTML, escaped)' })
export class SearchHit {
  @Field(() => SearchKind) kind: SearchKind;
  entityId: number;
  @Field({ description: 'The title with matches in <mark>; escaped HTML' }) title: string;
  @Field({ description: 'A passage with matches in <mark>; escaped HTML' }) snippet: string;
  @Field(() => Float, { description: 'Relevance (higher is better; comparable within one search)' }) score: number;
}
